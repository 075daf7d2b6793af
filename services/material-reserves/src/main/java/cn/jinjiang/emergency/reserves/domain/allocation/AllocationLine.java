package cn.jinjiang.emergency.reserves.domain.allocation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An item an allocation asked for, and how much of it was reserved. */
@Entity
@Table(name = "allocation_line")
public class AllocationLine extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "allocation_id")
    public UUID allocationId;

    @Column(name = "item_code")
    public String itemCode;

    public int requested;

    public int reserved;

    public static AllocationLine of(UUID allocationId, String itemCode, int requested, int reserved) {
        AllocationLine line = new AllocationLine();
        line.id = UUID.randomUUID();
        line.allocationId = allocationId;
        line.itemCode = itemCode;
        line.requested = requested;
        line.reserved = reserved;
        return line;
    }
}
