package cn.jinjiang.emergency.reserves.domain.allocation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A reserved quantity taken from one lot for an allocation. */
@Entity
@Table(name = "allocation_pick")
public class AllocationPick extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "allocation_id")
    public UUID allocationId;

    @Column(name = "item_code")
    public String itemCode;

    @Column(name = "lot_id")
    public UUID lotId;

    @Column(name = "warehouse_id")
    public UUID warehouseId;

    public int quantity;

    @Column(name = "distance_km")
    public double distanceKm;

    @Column(name = "arrives_at")
    public OffsetDateTime arrivesAt;
}
