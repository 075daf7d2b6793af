package cn.jinjiang.emergency.intake.domain.deadline;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A report that is or was due for an incident. Pending until a report meets it (in time or late) or it stops being
 * due (cancelled); once its time passes unmet it is announced as overdue, exactly once.
 */
@Entity
@Table(name = "report_deadline")
public class ReportDeadline extends PanacheEntityBase {

    public enum Kind {
        /** The first report, due within a set time of the occurrence (met by the report that creates the incident). */
        FIRST_REPORT,
        /** The next report while the incident is open, due at the grade's follow-up interval. */
        NEXT_REPORT,
        /** The final report, due within a set time of the latest report. */
        FINAL_REPORT
    }

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "area_code")
    public String areaCode;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    @Column(name = "met_at")
    public OffsetDateTime metAt;

    @Column(name = "met_by")
    public UUID metBy;

    /** When its miss was announced; null while it was not (yet) missed. */
    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    static ReportDeadline of(Incident incident, Kind kind, OffsetDateTime dueAt) {
        ReportDeadline deadline = new ReportDeadline();
        deadline.id = UUID.randomUUID();
        deadline.incidentId = incident.id;
        deadline.areaCode = incident.areaCode;
        deadline.kind = kind;
        deadline.dueAt = dueAt;
        return deadline;
    }

    void meet(Report report) {
        metAt = report.reportedAt;
        metBy = report.id;
    }

    public boolean isOverdue(OffsetDateTime now) {
        return metAt == null && cancelledAt == null && now.isAfter(dueAt);
    }

    /** The incident's deadlines still to meet, soonest first. */
    public static Uni<List<ReportDeadline>> pendingFor(UUID incidentId) {
        return list("incidentId = ?1 and metAt is null and cancelledAt is null order by dueAt", incidentId);
    }
}
