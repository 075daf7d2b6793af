package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice.Status;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Materials allocated (调拨) to an incident, to one delivery point: reserved → dispatched → delivered (→ returned). */
@Entity
@Table(name = "allocation")
public class Allocation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    /** The incident's bureau, whose allocation this is; its picks may come from another's, lent by mutual aid. */
    public String jurisdiction;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "delivery_latitude")
    public double deliveryLatitude;

    @Column(name = "delivery_longitude")
    public double deliveryLongitude;

    @Column(name = "delivery_note")
    public String deliveryNote;

    @Column(name = "relief_due_at")
    public OffsetDateTime reliefDueAt;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public String reason;

    @Version
    public long version;

    public GeoPoint deliveryPoint() {
        return new GeoPoint(deliveryLatitude, deliveryLongitude);
    }

    public void moveTo(Status next, String reason, String by, OffsetDateTime at) {
        this.status = next;
        this.reason = reason;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public static Uni<List<Allocation>> of(UUID incidentId) {
        return find("incidentId = ?1 order by createdAt", incidentId).list();
    }
}
