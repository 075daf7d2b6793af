package cn.jinjiang.emergency.intake.domain;

import java.util.List;

/**
 * What taking a first report created, so that the answer is built without reading it back: the incident, its first
 * report, the reports it now owes and the incidents it may duplicate.
 */
public record FirstReportTaken(Incident incident, Report report, List<ReportDeadline> owed,
                               List<PossibleDuplicate> possibleDuplicates) {
}
