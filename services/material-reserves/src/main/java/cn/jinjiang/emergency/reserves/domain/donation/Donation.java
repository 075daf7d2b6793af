package cn.jinjiang.emergency.reserves.domain.donation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A donation (捐赠) received into a warehouse. The donor's identity stays with the bureau. */
@Entity
@Table(name = "donation")
public class Donation extends PanacheEntityBase {

    public enum DonorKind { INDIVIDUAL, ORGANISATION }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "donor_kind")
    public DonorKind donorKind;

    @Column(name = "donor_name")
    public String donorName;

    @Column(name = "donor_contact")
    public String donorContact;

    @Column(name = "warehouse_id")
    public UUID warehouseId;

    public String purpose;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "received_by")
    public String receivedBy;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
