package cn.jinjiang.emergency.shared.projection;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.IncidentMerged;
import cn.jinjiang.emergency.shared.contract.events.IncidentRegraded;
import cn.jinjiang.emergency.shared.contract.events.IncidentReopened;
import cn.jinjiang.emergency.shared.contract.events.IncidentReport;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A consuming service's own copy of an incident, kept from incident-events (table made by
 * db/incident-projection). Each service maps it as its own entity and adds what only it needs.
 */
@MappedSuperclass
public abstract class IncidentProjection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public IncidentType type;

    public String title;

    @Enumerated(EnumType.STRING)
    public Grade grade;

    @Column(name = "area_code")
    public String areaCode;

    public double latitude;

    public double longitude;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    public int deaths;

    @Column(name = "serious_injuries")
    public int seriousInjuries;

    @Column(name = "minor_injuries")
    public int minorInjuries;

    public int missing;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** OPEN until a final report closes it (a commander may re-open it), or MERGED into another incident. */
    @Enumerated(EnumType.STRING)
    public Status status;

    public enum Status { OPEN, CLOSED, MERGED }

    void apply(IncidentReported reported) {
        id = reported.incidentId();
        type = reported.type();
        title = reported.title();
        grade = reported.grade();
        areaCode = reported.areaCode();
        latitude = reported.location().latitude();
        longitude = reported.location().longitude();
        occurredAt = reported.occurredAt();
        reportedAt = reported.reportedAt();
        deaths = reported.casualties().deaths();
        seriousInjuries = reported.casualties().seriousInjuries();
        minorInjuries = reported.casualties().minorInjuries();
        missing = reported.casualties().missing();
        status = Status.OPEN;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void apply(IncidentReport report) {
        grade = report.grade();
        deaths = report.casualties().deaths();
        seriousInjuries = report.casualties().seriousInjuries();
        minorInjuries = report.casualties().minorInjuries();
        missing = report.casualties().missing();
        status = report.kind() == IncidentReport.Kind.FINAL ? Status.CLOSED : Status.OPEN;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void apply(IncidentRegraded regraded) {
        grade = regraded.grade();
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void apply(IncidentMerged merged) {
        status = Status.MERGED;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void apply(IncidentReopened reopened) {
        status = Status.OPEN;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
