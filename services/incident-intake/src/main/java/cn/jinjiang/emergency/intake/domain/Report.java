package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.events.IncidentReport;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One report of an incident's chain (首报、续报、终报), as filed: each restates the whole current toll. */
@Entity
@Table(name = "incident_report")
public class Report extends PanacheEntityBase {

    public enum Kind { FIRST, FOLLOW_UP, FINAL }

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    /** 1 for the first report, then in the order intake received them. */
    public int sequence;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    @Column(name = "reported_by")
    public String reportedBy;

    /** The incident's figures as this report stated them. */
    @Embedded
    public Impact impact;

    public String situation;

    @Column(name = "actions_taken")
    public String actionsTaken;

    /** The reporter's number to call back on (so far given with a first report only); personal data. */
    @Column(name = "contact_phone")
    public String contactPhone;

    /** The incident the report was filed for, when a merge moved it here from that duplicate; null otherwise. */
    @Column(name = "merged_from")
    public UUID mergedFrom;

    /** The incident's grade once this report was taken in. */
    @Enumerated(EnumType.STRING)
    public Grade grade;

    public static Report of(Incident incident, Kind kind, String situation, String actionsTaken, String reportedBy,
            OffsetDateTime at) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.incidentId = incident.id;
        report.sequence = incident.reportCount;
        report.kind = kind;
        report.reportedAt = at;
        report.reportedBy = reportedBy;
        // Shared safely: an Impact never changes, a later report gives the incident a new one.
        report.impact = incident.impact;
        report.situation = situation;
        report.actionsTaken = actionsTaken;
        report.grade = incident.grade;
        return report;
    }

    public IncidentReported.Casualties casualties() {
        return impact.casualties();
    }

    public IncidentReport toEvent() {
        return new IncidentReport(incidentId, id, sequence,
                kind == Kind.FINAL ? IncidentReport.Kind.FINAL : IncidentReport.Kind.FOLLOW_UP, reportedAt,
                reportedBy, casualties(), impact.directLossCny(), impact.peopleEvacuated(), impact.housesCollapsed(),
                situation, actionsTaken, grade);
    }

    public static Uni<List<Report>> chainOf(UUID incidentId) {
        return list("incidentId = ?1 order by sequence", incidentId);
    }

    /** One page of the chain by sequence: a busy incident's chain runs to thousands of reports. */
    public static Uni<List<Report>> pageOf(UUID incidentId, int page, int size) {
        return find("incidentId = ?1 order by sequence", incidentId).page(page, size).list();
    }

    public static Uni<Long> countOf(UUID incidentId) {
        return count("incidentId", incidentId);
    }
}
