package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import cn.jinjiang.emergency.intake.domain.deadline.ReportDeadline;
import cn.jinjiang.emergency.intake.domain.duplicate.PossibleDuplicate;

import java.util.List;

/**
 * What taking a first report created, so that the answer is built without reading it back: the incident, its first
 * report, the reports it now owes and the incidents it may duplicate.
 */
public record FirstReportTaken(Incident incident, Report report, List<ReportDeadline> owed,
                               List<PossibleDuplicate> possibleDuplicates) {
}
