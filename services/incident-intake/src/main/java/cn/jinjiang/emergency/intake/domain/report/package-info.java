/**
 * Takes the report chain in (first, follow-up and final reports) and the commanders' decisions on it: the top
 * feature, which grades, keeps deadlines and links duplicates in the same transaction as each change.
 */
package cn.jinjiang.emergency.intake.domain.report;
