package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One movement of one lot: the only way stock changes. Never updated or deleted. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    public enum Kind {
        RECEIPT, ISSUE, ADJUSTMENT, WRITE_OFF, TRANSFER_OUT, TRANSFER_IN, ALLOCATION_DISPATCH, ALLOCATION_RETURN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lot_id")
    public UUID lotId;

    @Column(name = "warehouse_id")
    public UUID warehouseId;

    @Column(name = "item_code")
    public String itemCode;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** Signed: in is positive, out negative. */
    public int quantity;

    public String reason;

    @Column(name = "allocation_id")
    public UUID allocationId;

    /** Rows of one movement (a transfer's out and in, an issue taken from several lots) share it. */
    @Column(name = "movement_id")
    public UUID movementId;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
