/**
 * Contingency plans (应急预案), the words kept apart from the run cards of resource-dispatch ("plans"): per bureau,
 * incident type and response level, who leads the response and what must be done by whom within how long once the
 * plan is activated (docs/contingency-plans.md). Reference data for now, with how far it covers the types and levels.
 */
package cn.jinjiang.emergency.intake.domain.contingency;
