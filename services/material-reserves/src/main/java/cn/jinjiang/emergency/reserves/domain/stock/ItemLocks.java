package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Who may take an item's free stock, on every instance, through PostgreSQL transaction-scoped advisory locks, one per
 * item. Allocations share the lock: they run side by side and meet only on the lots they both chose (row locks, with a
 * re-check). Everyone else who lowers free stock (issues, write-offs, lowering adjustments, transfers), and an
 * allocation that lost its lots to others too often, holds it alone: what it reads as free then stays free until it
 * commits. Keys are taken in ascending order in one statement, before any row lock, so takers of overlapping items
 * cannot deadlock. Movements that only add free stock (receipts, cancellations, returns) need no lock.
 */
public final class ItemLocks {

    private ItemLocks() {
    }

    /** Alone with the items' free stock until the transaction ends. */
    public static Uni<Void> lock(Collection<String> itemCodes) {
        return take("pg_advisory_xact_lock", itemCodes);
    }

    /** Side by side with other allocations, but never with an exclusive holder. */
    public static Uni<Void> share(Collection<String> itemCodes) {
        return take("pg_advisory_xact_lock_shared", itemCodes);
    }

    private static Uni<Void> take(String function, Collection<String> itemCodes) {
        Long[] keys = new TreeSet<>(itemCodes.stream().map(ItemLocks::key).toList()).toArray(Long[]::new);
        // A volatile function in the select list runs after ORDER BY: the locks are taken in key order.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT " + function
                        + "(k) FROM unnest(CAST(?1 AS bigint[])) AS keys(k) ORDER BY k")
                .setParameter(1, keys).getResultList())
                .replaceWithVoid();
    }

    /** A stable 64-bit key per item code, in a namespace of its own. */
    static long key(String itemCode) {
        byte[] bytes = ("reserve-item:" + itemCode).getBytes(StandardCharsets.UTF_8);
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
