package cn.jinjiang.emergency.reserves.domain.stock;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger.Movement;
import cn.jinjiang.emergency.reserves.domain.stock.LedgerEntry.Kind;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A warehouse keeper's movements: receipts, issues, adjustments, write-offs (核销) and transfers. Each is one
 * transaction of ledger rows; whatever is refused leaves the ledger untouched. Stock leaves first-expiry-first-out.
 */
@ApplicationScoped
public class StockMovements {

    private final Ledger ledger;
    private final BureauCalendar calendar;

    public StockMovements(Ledger ledger, BureauCalendar calendar) {
        this.ledger = ledger;
        this.calendar = calendar;
    }

    /** An item received: a new lot. {@code expiresOn} defaults from the item's shelf life. */
    public record Receipt(String itemCode, int quantity, LocalDate expiresOn, Lot.Source source) {
    }

    /** What a movement did: the rows it wrote, in order. */
    public record Moved(UUID movementId, List<LedgerEntry> entries) {
    }

    @WithTransaction
    public Uni<Moved> receive(UUID warehouseId, List<Receipt> receipts, String reason, String by) {
        OffsetDateTime now = calendar.now();
        LocalDate today = calendar.dateOf(now);
        UUID movementId = UUID.randomUUID();
        return warehouse(warehouseId).flatMap(warehouse -> items(receipts.stream().map(Receipt::itemCode).toList(),
                i -> "items[" + i + "].itemCode").flatMap(items -> {
            List<Lot> lots = new ArrayList<>();
            for (int i = 0; i < receipts.size(); i++) {
                Receipt receipt = receipts.get(i);
                LocalDate expires = expiry(items.get(receipt.itemCode()), receipt.expiresOn(), today,
                        "items[" + i + "].expiresOn");
                lots.add(Lot.received(warehouseId, receipt.itemCode(),
                        receipt.source() == null ? Lot.Source.PURCHASE : receipt.source(), now, expires, null));
            }
            return Multi.createFrom().range(0, lots.size())
                    .onItem().transformToUniAndConcatenate(i -> lots.get(i).persist()
                            .flatMap(ignored -> ledger.record(lots.get(i), new Movement(Kind.RECEIPT,
                                    receipts.get(i).quantity(), reason, null), movementId, by, now)))
                    .collect().asList()
                    .call(() -> ledger.changed(List.of(warehouseId)))
                    .map(entries -> new Moved(movementId, entries));
        }));
    }

    /** Stock leaves the warehouse other than by allocation (local use, a loan): first-expiry-first-out. */
    @WithTransaction
    public Uni<Moved> issue(UUID warehouseId, String itemCode, int quantity, String reason, String by) {
        return takeOut(warehouseId, itemCode, quantity, Kind.ISSUE, reason, by, null);
    }

    /** A correction after a count, up or down, of one lot; never below what is promised to allocations. */
    @WithTransaction
    public Uni<Moved> adjust(UUID warehouseId, UUID lotId, int quantity, String reason, String by) {
        if (quantity == 0) {
            throw new InvalidFieldException("quantity", "must not be zero");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return lockedLot(warehouseId, lotId, quantity < 0).flatMap(lot -> {
            if (lot.onHand + quantity < lot.reserved) {
                return Uni.createFrom().failure(new Conflict("Lot " + lotId + " has " + lot.onHand + " on hand of which "
                        + lot.reserved + " promised to allocations; it cannot go down by " + -quantity));
            }
            return one(lot, new Movement(Kind.ADJUSTMENT, quantity, reason, null), by, now);
        });
    }

    /** Written off (核销): expired, spoiled or damaged stock leaves the books. Promised stock cannot be. */
    @WithTransaction
    public Uni<Moved> writeOff(UUID warehouseId, UUID lotId, int quantity, String reason, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return lockedLot(warehouseId, lotId, true).flatMap(lot -> {
            if (quantity > lot.onHand - lot.reserved) {
                return Uni.createFrom().failure(new Conflict("Lot " + lotId + " has " + (lot.onHand - lot.reserved)
                        + " not promised to allocations; " + quantity + " cannot be written off"));
            }
            return one(lot, new Movement(Kind.WRITE_OFF, -quantity, reason, null), by, now);
        });
    }

    /** Moves stock to another warehouse, first-expiry-first-out; each lot arrives as a lot with the same expiry. */
    @WithTransaction
    public Uni<Moved> transfer(UUID fromId, UUID toId, String itemCode, int quantity, String reason, String by) {
        if (fromId.equals(toId)) {
            throw new InvalidFieldException("toWarehouseId", "is the warehouse the stock is in");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Warehouse.<Warehouse>findById(toId)
                .onItem().ifNull().failWith(() -> new InvalidFieldException("toWarehouseId", "no warehouse " + toId))
                .flatMap(to -> takeOut(fromId, itemCode, quantity, Kind.TRANSFER_OUT, reason, by, null))
                .flatMap(out -> Multi.createFrom().iterable(out.entries())
                        .onItem().transformToUniAndConcatenate(entry -> Lot.<Lot>findById(entry.lotId)
                                .flatMap(source -> {
                                    Lot lot = Lot.received(toId, itemCode, source.source, now, source.expiresOn,
                                            source.donationId);
                                    return lot.persist().flatMap(ignored -> ledger.record(lot, new Movement(
                                            Kind.TRANSFER_IN, -entry.quantity, reason, null), out.movementId(), by,
                                            now));
                                }))
                        .collect().asList()
                        .call(() -> ledger.changed(List.of(toId)))
                        .map(in -> {
                            List<LedgerEntry> all = new ArrayList<>(out.entries());
                            all.addAll(in);
                            return new Moved(out.movementId(), all);
                        }));
    }

    private Uni<Moved> takeOut(UUID warehouseId, String itemCode, int quantity, Kind kind, String reason, String by,
            UUID allocationId) {
        OffsetDateTime now = calendar.now();
        LocalDate today = calendar.dateOf(now);
        UUID movementId = UUID.randomUUID();
        return warehouse(warehouseId)
                .flatMap(warehouse -> items(List.of(itemCode), i -> "itemCode"))
                .flatMap(items -> ItemLocks.lock(List.of(itemCode)))
                .flatMap(locked -> Lot.<Lot>find("warehouseId = ?1 and itemCode = ?2 and onHand > reserved "
                                + "order by id", warehouseId, itemCode)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .flatMap(lots -> {
                    // Each lot's free stock fits an int, their sum over the warehouse need not.
                    long free = lots.stream().mapToLong(lot -> lot.free(today)).sum();
                    if (free < quantity) {
                        return Uni.createFrom().failure(new Conflict("Only " + free + " " + itemCode
                                + " free in this warehouse (on hand, not promised, not expired); " + quantity
                                + " asked for"));
                    }
                    List<Lot> fefo = lots.stream().filter(lot -> lot.free(today) > 0)
                            .sorted(Lot.FIRST_EXPIRY_FIRST_OUT).toList();
                    List<Uni<LedgerEntry>> rows = new ArrayList<>();
                    int left = quantity;
                    for (Lot lot : fefo) {
                        if (left == 0) {
                            break;
                        }
                        int take = Math.min(left, lot.free(today));
                        left -= take;
                        rows.add(ledger.record(lot, new Movement(kind, -take, reason, allocationId), movementId, by,
                                now));
                    }
                    return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(Function.identity())
                            .collect().asList()
                            .call(() -> ledger.changed(List.of(warehouseId)))
                            .map(entries -> new Moved(movementId, entries));
                });
    }

    private Uni<Moved> one(Lot lot, Movement movement, String by, OffsetDateTime now) {
        UUID movementId = UUID.randomUUID();
        return ledger.record(lot, movement, movementId, by, now)
                .call(() -> ledger.changed(List.of(lot.warehouseId)))
                .map(entry -> new Moved(movementId, List.of(entry)));
    }

    /**
     * The lot, row-locked. Lowering it takes its item's lock first, like every other taker of free stock, and always
     * before the row (the order allocations take them in).
     */
    private static Uni<Lot> lockedLot(UUID warehouseId, UUID lotId, boolean takes) {
        return warehouse(warehouseId).flatMap(warehouse -> Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("select l.itemCode from Lot l where l.id = ?1 and l.warehouseId = ?2",
                                String.class)
                        .setParameter(1, lotId).setParameter(2, warehouseId).getResultList()))
                .flatMap(codes -> {
                    if (codes.isEmpty()) {
                        return Uni.createFrom().failure(new InvalidFieldException("lotId",
                                "no lot " + lotId + " in this warehouse"));
                    }
                    Uni<Void> lock = takes ? ItemLocks.lock(codes) : Uni.createFrom().voidItem();
                    return lock.flatMap(ignored -> Lot.<Lot>findById(lotId, LockModeType.PESSIMISTIC_WRITE));
                });
    }

    /** The warehouse, or 404; a donation names its warehouse as a receipt does. */
    public static Uni<Warehouse> warehouse(UUID id) {
        return Warehouse.<Warehouse>findById(id)
                .onItem().ifNull().failWith(() -> new NotFound("No warehouse " + id));
    }

    /** The items by code; an unknown code is a 400 naming the field {@code field} gives for its index. */
    public static Uni<Map<String, Item>> items(List<String> codes, IntFunction<String> field) {
        return Item.<Item>list("code in ?1", codes).map(found -> {
            Map<String, Item> items = found.stream().collect(Collectors.toMap(item -> item.code, item -> item));
            for (int i = 0; i < codes.size(); i++) {
                if (!items.containsKey(codes.get(i))) {
                    throw new InvalidFieldException(field.apply(i), "no item " + codes.get(i) + " in the catalogue");
                }
            }
            return items;
        });
    }

    /**
     * A receipt's expiry: as given (never already past), else from the item's shelf life, else none.
     *
     * @param today the bureaus' date ({@link BureauCalendar}): a lot expiring today has expired for the bureau
     */
    public static LocalDate expiry(Item item, LocalDate given, LocalDate today, String field) {
        if (given != null) {
            if (!given.isAfter(today)) {
                throw new InvalidFieldException(field, "is " + given + ": the stock has already expired");
            }
            return given;
        }
        return item.shelfLifeDays == null ? null : today.plusDays(item.shelfLifeDays);
    }
}
