package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.config.ServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows to Kafka as soon as their transaction commits: {@link OutboxCommits} wakes it after
 * every commit that wrote outbox rows, and a periodic pass is the safety net (a crash between commit and wake-up).
 * A pass puts its whole batch in flight at once (one key's rows one after another) and then waits for every
 * acknowledgement. Acknowledged rows are marked published in one statement; rows whose send failed stay pending with
 * their attempt counted and the error kept, and a later pass retries them. Events are delayed by a broker outage,
 * never lost; a crash between the broker's ack and the commit republishes a row, which consumers deduplicate by event
 * id.
 * <p>
 * One pass at a time across all instances of a service (a transaction-scoped advisory lock): two relays sending the
 * same key's rows concurrently could reorder them. A relay woken while another instance's pass holds the lock tries
 * again shortly, since that pass may have selected its rows before this instance's commit.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that makes one relay pass run at a time per database. */
    public static final long RELAY_LOCK = 0x6f7574626f78L;

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    private final ServiceConfig.Outbox config;
    private final Pool pool;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile long retryDelayMillis;
    private long safetyNet = -1;

    public OutboxRelay(ServiceConfig config, Pool pool, Vertx vertx) {
        this.config = config.outbox();
        this.pool = pool;
        this.vertx = vertx;
        this.retryDelayMillis = this.config.retryDelay().toMillis();
    }

    void start(@Observes StartupEvent startup) {
        safetyNet = vertx.setPeriodic(config.pollInterval().toMillis(), tick -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(safetyNet);
    }

    /** Asks for a pass; calls that arrive while one runs are folded into one more pass after it. */
    public void wake() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private void runPass() {
        wanted.set(false);
        relay().subscribe().with(
                pass -> {
                    if (pass.lockedElsewhere()) {
                        vertx.setTimer(config.lockRetry().toMillis(), timer -> wake());
                    } else if (pass.failed() > 0) {
                        LOG.warnf("Outbox relay: %d event(s) not acknowledged, retrying in %d ms: %s",
                                pass.failed(), retryDelayMillis, pass.firstError());
                        retryLater();
                    } else {
                        retryDelayMillis = config.retryDelay().toMillis();
                        if (pass.sent() == config.batchSize()) {
                            wanted.set(true);
                        }
                    }
                    finishPass();
                },
                failure -> {
                    LOG.warnf("Outbox relay pass failed, events stay pending, retrying in %d ms: %s",
                            retryDelayMillis, failure.toString());
                    retryLater();
                    finishPass();
                });
    }

    private void finishPass() {
        running.set(false);
        if (wanted.get() && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private void retryLater() {
        // Commits keep arriving while the broker is away; without the back-off every one would start a doomed pass.
        wanted.set(false);
        long delay = retryDelayMillis;
        retryDelayMillis = Math.min(delay * 2, config.maxRetryDelay().toMillis());
        vertx.setTimer(delay, timer -> wake());
    }

    /** One pass over the pending rows, in its own transaction. */
    public Uni<Pass> relay() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0)
                        ? publishPending(connection)
                        : Uni.createFrom().item(Pass.LOCKED)));
    }

    private Uni<Pass> publishPending(SqlConnection connection) {
        return connection.preparedQuery("""
                        SELECT position, event_id, topic, record_key, event_type, payload FROM outbox_event
                        WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    Map<String, List<Row>> byKey = new LinkedHashMap<>();
                    rows.forEach(row -> byKey.computeIfAbsent(row.getString("record_key"), k -> new ArrayList<>())
                            .add(row));
                    List<Uni<List<Sent>>> chains = byKey.values().stream().map(this::sendInOrder).toList();
                    return chains.isEmpty() ? Uni.createFrom().item(Pass.NONE)
                            : Uni.join().all(chains).andCollectFailures()
                            .flatMap(sent -> record(connection, sent.stream().flatMap(List::stream).toList()));
                });
    }

    /**
     * Different keys are all in flight at once; one key's rows go one after another, each once the previous one is
     * acknowledged. A producer that gives up on a record (delivery timeout) may still deliver a later one to the same
     * partition, so sending a key's next row before the previous is acknowledged could reorder that key; after a
     * failure the key's remaining rows wait for the next pass.
     */
    private Uni<List<Sent>> sendInOrder(List<Row> rows) {
        Uni<List<Sent>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Row row : rows) {
            chain = chain.flatMap(sent -> sent.isEmpty() || sent.get(sent.size() - 1).ok()
                    ? send(row).map(result -> append(sent, result))
                    : Uni.createFrom().item(sent));
        }
        return chain;
    }

    private static List<Sent> append(List<Sent> sent, Sent result) {
        sent.add(result);
        return sent;
    }

    /** Subscribing starts the send, so the list is handed to the producer in position order. */
    private Uni<Sent> send(Row row) {
        long position = row.getLong("position");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", row.getUUID("event_id").toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", row.getString("event_type").getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata))
                .ifNoItem().after(config.sendTimeout()).fail()
                .onItemOrFailure().transform((ok, failure) -> new Sent(position, failure));
    }

    private static Uni<Pass> record(SqlConnection connection, List<Sent> sent) {
        Long[] published = sent.stream().filter(Sent::ok).map(Sent::position).toArray(Long[]::new);
        List<Sent> failed = sent.stream().filter(s -> !s.ok()).toList();
        Uni<Void> markPublished = published.length == 0 ? Uni.createFrom().voidItem() : connection
                .preparedQuery("UPDATE outbox_event SET published_at = now(), attempts = attempts + 1, "
                        + "last_error = NULL WHERE position = ANY($1)")
                .execute(Tuple.of(published)).replaceWithVoid();
        if (failed.isEmpty()) {
            return markPublished.replaceWith(new Pass(published.length, 0, null, false));
        }
        String error = failed.get(0).failure().toString();
        Long[] failedPositions = failed.stream().map(Sent::position).toArray(Long[]::new);
        return markPublished
                .call(() -> connection.preparedQuery(
                                "UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE position = ANY($1)")
                        .execute(Tuple.of(failedPositions, error)))
                .replaceWith(new Pass(published.length, failed.size(), error, false));
    }

    private record Sent(long position, Throwable failure) {
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * What one pass did: events acknowledged and marked published, and events whose send failed; or nothing, because
     * another instance's pass held the relay lock.
     */
    public record Pass(int published, int failed, String firstError, boolean lockedElsewhere) {
        static final Pass NONE = new Pass(0, 0, null, false);
        static final Pass LOCKED = new Pass(0, 0, null, true);

        int sent() {
            return published + failed;
        }
    }
}
