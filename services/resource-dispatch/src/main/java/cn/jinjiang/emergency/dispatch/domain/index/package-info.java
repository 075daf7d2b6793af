/**
 * The in-memory recommendation index of AVAILABLE units: the grid, its ring search and the travel-time model, kept in
 * step with the database. Builds on the unit registry only; it knows nothing of incidents, plans or assignments.
 */
package cn.jinjiang.emergency.dispatch.domain.index;
