/**
 * The incident and its report chain as stored ({@link cn.jinjiang.emergency.intake.domain.Incident},
 * {@link cn.jinjiang.emergency.intake.domain.Report}, the {@link cn.jinjiang.emergency.intake.domain.Impact} both
 * embed): what every feature below reads. Classes here import no feature package; grading, deadlines and duplicates
 * build on them, and reporting builds on all of those.
 */
package cn.jinjiang.emergency.intake.domain;
