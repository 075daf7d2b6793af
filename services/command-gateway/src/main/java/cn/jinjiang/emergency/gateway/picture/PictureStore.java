package cn.jinjiang.emergency.gateway.picture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The picture in PostgreSQL: its items, its change log and its position (see V1_0__picture.sql). */
@ApplicationScoped
public class PictureStore {

    private final Pool pool;
    private final ObjectMapper mapper;

    public PictureStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * What was stored: the items, the position and the last change's number; the incidents that expired, and the
     * position at the last expiry (null if none ever did).
     */
    public record Stored(List<PictureItem> items, Position position, long lastSeq, Set<UUID> expired,
                         Position expiredAt) {
    }

    public Uni<Stored> load() {
        return pool.withTransaction(connection -> connection
                .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
                .chain(() -> connection.query("SELECT item FROM picture_item").execute())
                .chain(rows -> {
                    List<PictureItem> items = new ArrayList<>();
                    rows.forEach(row -> items.add(read(row.getString(0), PictureItem.class)));
                    return connection.query("SELECT partition_key, next_offset FROM picture_partition").execute()
                            .chain(partitions -> {
                                Map<String, Long> next = new HashMap<>();
                                partitions.forEach(row -> next.put(row.getString(0), row.getLong(1)));
                                return connection.query("SELECT coalesce(max(seq), 0) FROM picture_change")
                                        .execute().map(seq -> seq.iterator().next().getLong(0))
                                        .chain(seq -> expired(connection).map(expired -> new Stored(items,
                                                Position.of(next), seq, expired.ids(), expired.at())));
                            });
                }));
    }

    private record Expired(Set<UUID> ids, Position at) {
    }

    private static Uni<Expired> expired(SqlConnection connection) {
        return connection.query("SELECT incident_id FROM picture_expired").execute().chain(rows -> {
            Set<UUID> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return connection.query("SELECT position FROM picture_expiry").execute().map(mark -> new Expired(ids,
                    mark.size() == 0 ? null : Position.parse(mark.iterator().next().getString(0))));
        });
    }

    /**
     * Takes expired incidents off the stored picture in one transaction: their items and those {@code under} them (their
     * allocations) move to the archive (see {@link IncidentArchive}), their ids are kept (so that events read later
     * go to the archive, and only one that changes the incident brings it back), and {@code at} is noted as the
     * position of the last expiry.
     */
    public Uni<Void> expire(List<PictureItem> incidents, List<PictureItem> under, Position at) {
        List<Tuple> items = new ArrayList<>();
        under.forEach(item -> items.add(Tuple.of(item.key(), item.incidentId())));
        List<Tuple> ids = new ArrayList<>();
        for (PictureItem incident : incidents) {
            items.add(Tuple.of(incident.key(), incident.incidentId()));
            ids.add(Tuple.of(incident.incidentId(), PictureRetention.closedAt(incident.body())));
        }
        return pool.withTransaction(connection -> connection
                .preparedQuery("WITH gone AS (DELETE FROM picture_item WHERE item_key = $1 RETURNING item_key, kind, "
                        + "item) INSERT INTO picture_archive (item_key, incident_id, kind, item) SELECT item_key, $2, "
                        + "kind, item FROM gone ON CONFLICT (item_key) DO UPDATE SET item = excluded.item")
                .executeBatch(items)
                .chain(() -> connection.preparedQuery("INSERT INTO picture_expired (incident_id, closed_at) "
                        + "VALUES ($1, $2) ON CONFLICT (incident_id) DO NOTHING").executeBatch(ids))
                .chain(() -> connection.preparedQuery("INSERT INTO picture_expiry (id, position) VALUES (1, $1) "
                        + "ON CONFLICT (id) DO UPDATE SET position = excluded.position").execute(Tuple.of(at.token())))
                .replaceWithVoid());
    }

    /**
     * Writes one event's effect inside the consumer's transaction (the Panache session's): its items, its line in
     * the change log, and its partition's next offset, in one statement. An event that touched nothing moves the
     * offset alone.
     */
    public Uni<Void> write(Source source, PictureChange change, long seq) {
        StringBuilder sql = new StringBuilder("WITH partition_moved AS (INSERT INTO picture_partition "
                + "(partition_key, next_offset) VALUES (:partition, :next) ON CONFLICT (partition_key) DO UPDATE "
                + "SET next_offset = greatest(picture_partition.next_offset, excluded.next_offset) RETURNING 1)");
        List<PictureItem> kept = change == null ? List.of()
                : change.items().stream().filter(item -> !item.removed()).toList();
        List<PictureItem> gone = change == null ? List.of()
                : change.items().stream().filter(PictureItem::removed).toList();
        if (change != null) {
            sql.append(", change_logged AS (INSERT INTO picture_change (seq, partition_key, source_offset, change) "
                    + "VALUES (:seq, :partition, :offset, :change) RETURNING 1)");
        }
        if (!gone.isEmpty()) {
            sql.append(", items_gone AS (DELETE FROM picture_item WHERE item_key IN (");
            for (int i = 0; i < gone.size(); i++) {
                sql.append(i == 0 ? ":gone" : ", :gone").append(i);
            }
            sql.append(") RETURNING 1)");
        }
        if (!kept.isEmpty()) {
            sql.append(" INSERT INTO picture_item (item_key, kind, item) VALUES ");
            for (int i = 0; i < kept.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:key").append(i).append(", :kind").append(i)
                        .append(", :item").append(i).append(")");
            }
            sql.append(" ON CONFLICT (item_key) DO UPDATE SET item = excluded.item");
        } else {
            sql.append(" SELECT count(*) FROM partition_moved");
        }
        return Panache.getSession().flatMap(session -> {
            var statement = session.createNativeQuery(sql.toString())
                    .setParameter("partition", source.partitionKey())
                    .setParameter("next", source.offset() + 1);
            if (change != null) {
                statement.setParameter("seq", seq).setParameter("offset", source.offset())
                        .setParameter("change", write(change));
            }
            for (int i = 0; i < gone.size(); i++) {
                statement.setParameter("gone" + i, gone.get(i).key());
            }
            if (kept.isEmpty()) {
                return statement.getSingleResult().replaceWithVoid();
            }
            for (int i = 0; i < kept.size(); i++) {
                PictureItem item = kept.get(i);
                statement.setParameter("key" + i, item.key()).setParameter("kind" + i, item.kind().name())
                        .setParameter("item" + i, write(item));
            }
            return statement.executeUpdate().replaceWithVoid();
        });
    }

    /** Stores items again as they now stand (trimmed at start), outside any batch. */
    public Uni<Void> rewrite(List<PictureItem> items) {
        List<Tuple> rows = new ArrayList<>();
        items.forEach(item -> rows.add(Tuple.of(item.key(), write(item))));
        return pool.preparedQuery("UPDATE picture_item SET item = $2 WHERE item_key = $1").executeBatch(rows)
                .replaceWithVoid();
    }

    /** Where each partition's change log starts (older changes were purged); a partition not named starts at 0. */
    public Uni<Position> logStart() {
        return pool.query("SELECT partition_key, log_from FROM picture_partition").execute().map(rows -> {
            Map<String, Long> from = new HashMap<>();
            rows.forEach(row -> from.put(row.getString(0), row.getLong(1)));
            return Position.of(from);
        });
    }

    /**
     * The changes a screen at {@code from} has not seen, up to (not including) {@code to}, in the order this instance
     * applied them; at most {@code limit} + 1, so the caller can tell there are more than it will replay.
     */
    public Uni<List<PictureChange>> changesBetween(Position from, Position to, int limit) {
        List<String> partitions = new ArrayList<>();
        Tuple args = Tuple.tuple();
        StringBuilder where = new StringBuilder();
        for (Map.Entry<String, Long> entry : to.offsets().entrySet()) {
            long start = from.next(entry.getKey());
            if (start >= entry.getValue()) {
                continue;
            }
            partitions.add(entry.getKey());
            int n = args.size();
            where.append(where.isEmpty() ? "" : " OR ").append("(partition_key = $").append(n + 1)
                    .append(" AND source_offset >= $").append(n + 2).append(" AND source_offset < $").append(n + 3)
                    .append(")");
            args.addString(entry.getKey()).addLong(start).addLong(entry.getValue());
        }
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        args.addInteger(limit + 1);
        return pool.preparedQuery("SELECT change FROM picture_change WHERE " + where + " ORDER BY seq LIMIT $"
                        + args.size()).execute(args)
                .map(rows -> {
                    List<PictureChange> changes = new ArrayList<>();
                    for (Row row : rows) {
                        changes.add(read(row.getString(0), PictureChange.class));
                    }
                    return changes;
                });
    }

    /**
     * Deletes changes applied longer ago than {@code retention}, and notes per partition where its log now starts.
     *
     * @return the number of changes deleted
     */
    public Uni<Integer> purge(Duration retention) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        WITH gone AS (DELETE FROM picture_change WHERE applied_at < now() - make_interval(secs => $1)
                                      RETURNING partition_key, source_offset),
                             last AS (SELECT partition_key, max(source_offset) AS last_offset, count(*) AS n
                                      FROM gone GROUP BY partition_key),
                             moved AS (UPDATE picture_partition p SET log_from = greatest(p.log_from, last.last_offset + 1)
                                       FROM last WHERE p.partition_key = last.partition_key RETURNING last.n)
                        SELECT coalesce(sum(n), 0)::int FROM moved""")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.iterator().next().getInteger(0)));
    }

    /**
     * Empties the picture, its log and its position: the consumers then read every topic from its start. The expired
     * incidents are kept, so that the rebuild does not bring back what had already left the picture; what is kept of
     * them is emptied too, and the rebuild reads their events into it again.
     */
    public Uni<Void> clear() {
        return pool.query("TRUNCATE picture_item, picture_change, picture_partition, processed_event, "
                        + "picture_archive").execute()
                .replaceWithVoid();
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " unreadable", e);
        }
    }
}
