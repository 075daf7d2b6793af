package cn.jinjiang.emergency.reserves.domain;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;

/**
 * One taker of an item's free stock at a time, on every instance: allocations, issues, write-offs and transfers hold
 * the item's transaction-scoped advisory lock while they read what is free and take it, so what they read cannot be
 * taken by anyone else before they commit. Taken in ascending key order by everyone, so two takers of overlapping
 * items cannot deadlock. Movements that only add to free stock (receipts, cancellations, returns) need no lock.
 */
final class ItemLocks {

    private ItemLocks() {
    }

    static Uni<Void> lock(Collection<String> itemCodes) {
        TreeSet<Long> keys = new TreeSet<>();
        itemCodes.forEach(code -> keys.add(key(code)));
        return Panache.getSession().flatMap(session -> Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(key -> session
                        .createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, key)
                        .getSingleResult())
                .collect().last()).replaceWithVoid();
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
