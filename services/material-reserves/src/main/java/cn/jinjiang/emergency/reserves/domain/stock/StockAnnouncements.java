package cn.jinjiang.emergency.reserves.domain.stock;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.StockLevels;
import cn.jinjiang.emergency.shared.contract.events.StockLow;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Announces warehouses' stock after it changed (reserve.stock-changed, the whole warehouse at once) and a free stock
 * falling below its item's low-stock level (reserve.stock-low, once per fall). Movements only mark the warehouse
 * changed; a pass here, every {@code emergency.reserves.announce-every}, gathers a burst of allocations into one
 * announcement per warehouse. Two instances take different marks (SKIP LOCKED) and the warehouse's row lock orders
 * their announcements of one warehouse, each stamped with a higher stock version.
 */
@ApplicationScoped
public class StockAnnouncements {

    private static final Logger LOG = Logger.getLogger(StockAnnouncements.class);

    private final Outbox outbox;
    private final ReservesPolicy policy;
    private final PeriodicPass pass;
    private final BureauCalendar calendar;

    public StockAnnouncements(Outbox outbox, ReservesPolicy policy, OutboxCommits commits, Vertx vertx,
            BureauCalendar calendar) {
        this.calendar = calendar;
        this.outbox = outbox;
        this.policy = policy;
        this.pass = new PeriodicPass("Stock announcements", this::announce, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(policy.announceEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, in the caller's transaction: how many warehouses were announced. */
    public Uni<Integer> announce() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "DELETE FROM stock_change WHERE ctid IN (SELECT ctid FROM stock_change "
                                + "FOR UPDATE SKIP LOCKED LIMIT 5000) RETURNING warehouse_id", UUID.class)
                .getResultList()
                .flatMap(changed -> Multi.createFrom().iterable(changed.stream().distinct().sorted().toList())
                        .onItem().transformToUniAndConcatenate(id -> announce(session, id))
                        .collect().asList()
                        .map(List::size)));
    }

    private Uni<Void> announce(Mutiny.Session session, UUID warehouseId) {
        OffsetDateTime now = calendar.now();
        return Warehouse.<Warehouse>findById(warehouseId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(warehouse -> levels(session, warehouseId, calendar.dateOf(now))
                        .flatMap(rows -> lowLevels(session, warehouseId)
                                .flatMap(lowLevels -> write(session, warehouse, rows, lowLevels, now))));
    }

    /**
     * Builds every event and write of one warehouse before running any of them: one that cannot be built (a row
     * outside the contract) skips this warehouse alone, logged, and leaves the pass's transaction clean, so the other
     * warehouses are still announced. A failed statement would abort the whole transaction, so nothing of a
     * warehouse is written until all of it could be built. Its mark is gone; its next movement marks it again.
     */
    private Uni<Void> write(Mutiny.Session session, Warehouse warehouse, List<Object[]> rows,
            List<Object[]> lowLevels, OffsetDateTime now) {
        List<Uni<?>> writes = new ArrayList<>();
        long version = warehouse.stockVersion + 1;
        try {
            List<StockLevels.Item> items = rows.stream().map(row -> new StockLevels.Item((String) row[0],
                    number(row[1]), number(row[2]), number(row[3]))).toList();
            // Outbox.add encodes and checks the event against its schema now; only the insert waits.
            writes.add(outbox.add(EventType.RESERVE_STOCK_CHANGED, warehouse.id, new StockLevels(warehouse.id,
                    warehouse.code, warehouse.name, warehouse.level, warehouse.areaCode, warehouse.position(),
                    version, items, now)));
            lows(session, warehouse, items, lowLevels, now, writes);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stock of warehouse %s (%s) not announced: its announcement cannot be built",
                    warehouse.code, warehouse.id);
            return Uni.createFrom().voidItem();
        }
        warehouse.stockVersion = version;
        return Multi.createFrom().iterable(writes).onItem()
                .transformToUniAndConcatenate(write -> write).collect().last().replaceWithVoid();
    }

    private static Uni<List<Object[]>> levels(Mutiny.Session session, UUID warehouseId, LocalDate today) {
        // SUM over integer columns is bigint in PostgreSQL: read as long, never narrowed.
        return session.createNativeQuery(
                        "SELECT item_code, SUM(on_hand), SUM(reserved), SUM(CASE WHEN expires_on IS NULL "
                                + "OR expires_on > ?2 THEN on_hand - reserved ELSE 0 END) FROM lot "
                                + "WHERE warehouse_id = ?1 GROUP BY item_code ORDER BY item_code", Object[].class)
                .setParameter(1, warehouseId).setParameter(2, today)
                .getResultList();
    }

    /** Every item's level, with what was last announced of it here (null: never). */
    private static Uni<List<Object[]>> lowLevels(Mutiny.Session session, UUID warehouseId) {
        return session.createNativeQuery("SELECT i.code, i.low_stock_level, a.available FROM item i "
                        + "LEFT JOIN stock_announced a ON a.item_code = i.code AND a.warehouse_id = ?1", Object[].class)
                .setParameter(1, warehouseId).getResultList();
    }

    /** Compares with what was announced last: a fall through the level is told once, until stock rises above it. */
    private void lows(Mutiny.Session session, Warehouse warehouse, List<StockLevels.Item> items,
            List<Object[]> rows, OffsetDateTime now, List<Uni<?>> writes) {
        Map<String, Long> before = new HashMap<>();
        Map<String, Integer> levels = new HashMap<>();
        for (Object[] row : rows) {
            levels.put((String) row[0], ((Number) row[1]).intValue());
            if (row[2] != null) {
                before.put((String) row[0], number(row[2]));
            }
        }
        for (StockLevels.Item item : items) {
            Long previous = before.get(item.itemCode());
            int level = levels.getOrDefault(item.itemCode(), 0);
            if (previous != null && previous >= level && item.available() < level) {
                writes.add(outbox.add(EventType.RESERVE_STOCK_LOW, warehouse.id, new StockLow(
                        warehouse.id, warehouse.code, warehouse.areaCode, item.itemCode(),
                        item.available(), level, now)));
            }
            if (previous == null || previous != item.available()) {
                writes.add(session.createNativeQuery("INSERT INTO stock_announced (warehouse_id, "
                                + "item_code, available) VALUES (?1, ?2, ?3) ON CONFLICT (warehouse_id, "
                                + "item_code) DO UPDATE SET available = EXCLUDED.available")
                        .setParameter(1, warehouse.id).setParameter(2, item.itemCode())
                        .setParameter(3, item.available()).executeUpdate());
            }
        }
    }

    /** A sum over lots, exact: narrowing it to int is what once wrapped a total past 2^31 to a negative stock. */
    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
