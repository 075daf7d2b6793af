/**
 * Incidents as dispatch knows them, their run cards and plans, recommendations for what a plan is missing, and the
 * assignments that send units to them. The top feature: it builds on the index and the unit registry, never the
 * other way round.
 */
package cn.jinjiang.emergency.dispatch.domain.assignment;
