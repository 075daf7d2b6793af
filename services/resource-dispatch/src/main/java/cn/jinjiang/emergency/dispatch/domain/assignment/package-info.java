/**
 * Incidents as dispatch knows them, their run cards and plans, recommendations for what a plan is missing, the
 * assignments that send units to them, and mutual aid: units one bureau lends to another's incident. The top
 * feature: it builds on the index and the unit registry, never the other way round.
 */
package cn.jinjiang.emergency.dispatch.domain.assignment;
