package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.UUID;

/**
 * A quantity of one item received into one warehouse at one time, with one expiry. {@code onHand} is the sum of the
 * lot's ledger rows; {@code reserved} is promised to allocations that have not left yet.
 */
@Entity
@Table(name = "lot")
public class Lot extends PanacheEntityBase {

    public enum Source { PURCHASE, AGREEMENT, DONATION, TRANSFER }

    @Id
    public UUID id;

    @Column(name = "item_code")
    public String itemCode;

    @Column(name = "warehouse_id")
    public UUID warehouseId;

    @Enumerated(EnumType.STRING)
    public Source source;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    @Column(name = "on_hand")
    public int onHand;

    public int reserved;

    @Column(name = "donation_id")
    public UUID donationId;

    /** Inside a warehouse, the lot expiring first goes first; lots that never expire last; then the oldest. */
    public static final Comparator<Lot> FIRST_EXPIRY_FIRST_OUT = Comparator
            .comparing((Lot lot) -> lot.expiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(lot -> lot.receivedAt)
            .thenComparing(lot -> lot.id);

    public static Lot received(UUID warehouseId, String itemCode, Source source, OffsetDateTime at,
            LocalDate expiresOn, UUID donationId) {
        Lot lot = new Lot();
        lot.id = UUID.randomUUID();
        lot.warehouseId = warehouseId;
        lot.itemCode = itemCode;
        lot.source = source;
        lot.receivedAt = at;
        lot.expiresOn = expiresOn;
        lot.donationId = donationId;
        return lot;
    }

    /** Free to allocate or issue: on the shelves, not promised, not expired. */
    public int free(LocalDate today) {
        return isExpired(today) ? 0 : onHand - reserved;
    }

    public boolean isExpired(LocalDate today) {
        return expiresOn != null && !expiresOn.isAfter(today);
    }
}
