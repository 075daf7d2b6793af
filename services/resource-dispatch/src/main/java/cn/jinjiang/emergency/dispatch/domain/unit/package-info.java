/**
 * The registry of rescue units and their cycle: stations, units, status reports and positions, and the events that
 * announce them. The lowest feature: it imports neither the index nor assignments; what an assignment must do when a
 * unit leaves the scene it names as {@link cn.jinjiang.emergency.dispatch.domain.unit.LeavingScene}.
 */
package cn.jinjiang.emergency.dispatch.domain.unit;
