package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where an incident that left the picture (closed past the retention) is kept, with the allocations under it: in the
 * database only ({@code picture_archive}), never in memory or on a screen. Events of it read later still apply here,
 * so that an event that changes it again (a re-opening, a report, a unit or materials sent) brings it back whole,
 * as its whole history made it, rather than as a stub or not at all. Every statement runs in the consumer's
 * transaction (the Panache session's), with the batch that read the event.
 */
@ApplicationScoped
public class IncidentArchive {

    /**
     * The events that bring an expired incident back: each means it is being worked on again. Late echoes of its
     * closing (a unit released, an allocation returned, a warning's coverage) only update what is kept.
     */
    static final Set<String> REVIVING = Set.of(EventType.INCIDENT_REPORTED.type(), EventType.INCIDENT_UPDATED.type(),
            EventType.INCIDENT_CLOSED.type(), EventType.INCIDENT_REGRADED.type(), EventType.INCIDENT_REOPENED.type(),
            EventType.INCIDENT_MERGED.type(), EventType.DISPATCH_ASSIGNED.type(), EventType.RESERVE_ALLOCATED.type(),
            EventType.RESERVE_CALLED_OFF.type(), EventType.WARNING_ISSUED.type());

    private final PictureStore store;

    public IncidentArchive(PictureStore store) {
        this.store = store;
    }

    /** The incident's archived items by key (the incident and its allocations); empty if none was kept. */
    Uni<Map<String, PictureItem>> load(UUID incident) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT item FROM picture_archive WHERE incident_id = :incident", String.class)
                .setParameter("incident", incident).getResultList()
                .map(rows -> {
                    Map<String, PictureItem> items = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        PictureItem item = store.read(row, PictureItem.class);
                        items.put(item.key(), item);
                    });
                    return items;
                }));
    }

    /** Keeps what an event did to an expired incident: its items replaced, a removed one (a cancelled allocation) gone. */
    Uni<Void> keep(UUID incident, List<PictureItem> items) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (PictureItem item : items) {
            done = done.chain(() -> Panache.getSession().flatMap(session -> item.removed()
                    ? session.createNativeQuery("DELETE FROM picture_archive WHERE item_key = :key")
                            .setParameter("key", item.key()).executeUpdate()
                    : session.createNativeQuery("INSERT INTO picture_archive (item_key, incident_id, kind, item) "
                                    + "VALUES (:key, :incident, :kind, :item) ON CONFLICT (item_key) DO UPDATE "
                                    + "SET item = excluded.item")
                            .setParameter("key", item.key()).setParameter("incident", incident)
                            .setParameter("kind", item.kind().name()).setParameter("item", store.write(item))
                            .executeUpdate()).replaceWithVoid());
        }
        return done;
    }

    /** Puts everything kept of the incident back on the stored picture, and it is no longer expired. */
    Uni<Void> restore(UUID incident) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        WITH back AS (DELETE FROM picture_archive WHERE incident_id = :incident
                                      RETURNING item_key, kind, item),
                             unexpired AS (DELETE FROM picture_expired WHERE incident_id = :incident RETURNING 1)
                        INSERT INTO picture_item (item_key, kind, item) SELECT item_key, kind, item FROM back
                        ON CONFLICT (item_key) DO UPDATE SET item = excluded.item""")
                .setParameter("incident", incident).executeUpdate()).replaceWithVoid();
    }
}
