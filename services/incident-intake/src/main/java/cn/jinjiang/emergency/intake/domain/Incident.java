package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An incident (突发事件) as its reports describe it. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    public enum Status { REPORTED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public IncidentType type;

    public String title;

    public double latitude;

    public double longitude;

    @Column(name = "area_code")
    public String areaCode;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    @Column(name = "reported_by")
    public String reportedBy;

    public int deaths;

    @Column(name = "serious_injuries")
    public int seriousInjuries;

    @Column(name = "minor_injuries")
    public int minorInjuries;

    public int missing;

    @Column(name = "direct_loss_cny")
    public BigDecimal directLossCny;

    @Enumerated(EnumType.STRING)
    public Grade grade;

    @Enumerated(EnumType.STRING)
    public Status status;

    public IncidentReported.Casualties casualties() {
        return new IncidentReported.Casualties(deaths, seriousInjuries, minorInjuries, missing);
    }

    public IncidentReported toReported() {
        return new IncidentReported(id, type, title, new IncidentReported.GeoPoint(latitude, longitude), areaCode,
                occurredAt, reportedAt, reportedBy, casualties(), directLossCny, grade);
    }
}
