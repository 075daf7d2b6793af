package cn.jinjiang.emergency.reserves.domain.agreement;

import cn.jinjiang.emergency.shared.contract.events.CallOffNotice;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A quantity called off an agreement reserve for an incident, tracked until the company delivers it. */
@Entity
@Table(name = "call_off")
public class CallOff extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "agreement_id")
    public UUID agreementId;

    @Column(name = "incident_id")
    public UUID incidentId;

    public int quantity;

    @Enumerated(EnumType.STRING)
    public CallOffNotice.Status status;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    @Column(name = "called_by")
    public String calledBy;

    @Column(name = "called_at")
    public OffsetDateTime calledAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "delivered_by")
    public String deliveredBy;
}
