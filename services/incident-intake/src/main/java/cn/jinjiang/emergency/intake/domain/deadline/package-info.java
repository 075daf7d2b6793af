/**
 * The reports each incident owes, the announcement of missed ones and timeliness statistics (docs/deadlines.md). Kept
 * in step by reporting, inside its transactions; reads the incident and its reports, never reporting itself.
 */
package cn.jinjiang.emergency.intake.domain.deadline;
