package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import cn.jinjiang.emergency.intake.domain.deadline.ReportDeadline;
import cn.jinjiang.emergency.intake.domain.duplicate.PossibleDuplicate;
import cn.jinjiang.emergency.intake.domain.report.Decision;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * An incident as the API shows it: the current state, and for a single incident the whole report chain in order,
 * the commanders' decisions, the reports still owed and its possible duplicates (left out of lists). A possible
 * duplicate names another incident, so a caller is shown only the links to incidents they may read themselves.
 */
public record IncidentView(
        UUID id,
        IncidentType type,
        String title,
        IncidentReported.GeoPoint location,
        String areaCode,
        boolean locationOutsideArea,
        OffsetDateTime occurredAt,
        OffsetDateTime reportedAt,
        String reportedBy,
        IncidentReported.Casualties casualties,
        BigDecimal directLossCny,
        int peopleEvacuated,
        int housesCollapsed,
        String situation,
        String actionsTaken,
        Grade grade,
        Grade assessedGrade,
        Grade responseLevel,
        Incident.Status status,
        int reportCount,
        OffsetDateTime lastReportAt,
        OffsetDateTime closedAt,
        UUID mergedInto,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReportView> reports,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DecisionView> decisions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DeadlineView> deadlines,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DuplicateView> possibleDuplicates) {

    /**
     * One report of the chain as filed. Only a single incident's chain is shown, to those who may read the incident,
     * so the reporter's contact phone appears here and never in lists.
     */
    public record ReportView(UUID id, int sequence, Report.Kind kind, OffsetDateTime reportedAt, String reportedBy,
                             IncidentReported.Casualties casualties, BigDecimal directLossCny, int peopleEvacuated,
                             int housesCollapsed, String situation, String actionsTaken,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String contactPhone, Grade grade,
                             @JsonInclude(JsonInclude.Include.NON_NULL) UUID mergedFrom) {

        static ReportView of(Report report) {
            return new ReportView(report.id, report.sequence, report.kind, report.reportedAt, report.reportedBy,
                    report.casualties(), report.impact.directLossCny(), report.impact.peopleEvacuated(),
                    report.impact.housesCollapsed(),
                    report.situation, report.actionsTaken, report.contactPhone, report.grade, report.mergedFrom);
        }
    }

    /** Another incident this one may be the same as (either may have been reported first), and how far apart. */
    public record DuplicateView(UUID incidentId, double distanceMeters) {

        static DuplicateView of(PossibleDuplicate link, UUID self) {
            return new DuplicateView(link.other(self), Math.round(link.distanceMeters * 10) / 10.0);
        }
    }

    /** A commander's decision with its reason. */
    public record DecisionView(Decision.Kind kind, Grade level, String reason, String decidedBy,
                               OffsetDateTime decidedAt) {

        static DecisionView of(Decision decision) {
            return new DecisionView(decision.kind, decision.level, decision.reason, decision.decidedBy,
                    decision.decidedAt);
        }
    }

    /** A report still owed: when it is due, and whether that time has passed. */
    public record DeadlineView(ReportDeadline.Kind kind, OffsetDateTime dueAt, boolean overdue) {

        static DeadlineView of(ReportDeadline deadline, OffsetDateTime now) {
            return new DeadlineView(deadline.kind, deadline.dueAt, deadline.isOverdue(now));
        }
    }

    static IncidentView summary(Incident incident) {
        return of(incident, null, null, null, null, null);
    }

    /** @param viewer who is shown it: a link to an incident outside a duty officer's area is left out */
    static IncidentView of(Incident incident, List<Report> reports, List<Decision> decisions,
            List<ReportDeadline> pending, List<PossibleDuplicate> duplicates, Caller viewer) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new IncidentView(incident.id, incident.type, incident.title,
                new IncidentReported.GeoPoint(incident.latitude, incident.longitude), incident.areaCode,
                incident.locationOutsideArea, incident.occurredAt, incident.reportedAt, incident.reportedBy, incident.casualties(),
                incident.impact.directLossCny(), incident.impact.peopleEvacuated(), incident.impact.housesCollapsed(),
                incident.situation,
                incident.actionsTaken, incident.grade, incident.assessedGrade, incident.responseLevel,
                incident.status, incident.reportCount, incident.lastReportAt, incident.closedAt, incident.mergedInto,
                reports == null ? null : reports.stream().map(ReportView::of).toList(),
                decisions == null ? null : decisions.stream().map(DecisionView::of).toList(),
                pending == null ? null : pending.stream().map(d -> DeadlineView.of(d, now)).toList(),
                duplicates == null ? null : duplicates.stream()
                        .filter(d -> viewer.mayAccess(d.otherArea(incident.id)))
                        .map(d -> DuplicateView.of(d, incident.id)).toList());
    }

    /** The county bureau it belongs to (its area code's first six digits: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
