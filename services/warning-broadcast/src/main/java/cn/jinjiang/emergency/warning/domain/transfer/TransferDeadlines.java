package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What time does to transfers, in one periodic pass: a transfer whose warning was cancelled or expired ends with it
 * (transfer.closed, by "system"), and an area with people still to move at the deadline is announced once
 * (transfer.overdue). Each is claimed by the statement that changes its row, so two instances never announce one
 * twice.
 */
@ApplicationScoped
public class TransferDeadlines {

    @ConfigMapping(prefix = "emergency.warning.transfer")
    public interface Timing {

        /** How often transfers are checked for their warning's end and their deadline. */
        @WithDefault("30s")
        Duration checkEvery();
    }

    private final Timing timing;
    private final Transfers transfers;
    private final Outbox outbox;
    private final PeriodicPass pass;

    public TransferDeadlines(Timing timing, Transfers transfers, Outbox outbox, OutboxCommits commits, Vertx vertx) {
        this.timing = timing;
        this.transfers = transfers;
        this.outbox = outbox;
        this.pass = new PeriodicPass("Transfers ended and overdue areas announced", this::pass, commits, vertx);
    }

    void start(@Observes StartupEvent startup) {
        pass.start(timing.checkEvery());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pass.stop();
    }

    /** One pass, in the caller's transaction: how many transfers it ended and areas it announced. */
    Uni<Integer> pass() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return endWithTheirWarnings(now).flatMap(ended -> overdue(now).map(overdue -> ended + overdue));
    }

    private Uni<Integer> endWithTheirWarnings(OffsetDateTime now) {
        // Locked, and skipped when another instance holds them: that one ends them.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT t.* FROM transfer t "
                        + "JOIN warning w ON w.id = t.warning_id WHERE t.status = 'OPEN' AND w.status IN "
                        + "('CANCELLED', 'EXPIRED') ORDER BY t.id LIMIT 100 FOR UPDATE OF t SKIP LOCKED",
                        Transfer.class).getResultList())
                .flatMap(due -> each(due, transfer -> Warning.<Warning>findById(transfer.warningId)
                        .flatMap(warning -> transfers.end(transfer, warning, "Warning " + warning.id + " "
                                + warning.status.name().toLowerCase() + ": the transfer ends with it", "system",
                                now))).replaceWith(due.size()));
    }

    private Uni<Integer> overdue(OffsetDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        UPDATE transfer_area SET overdue_at = CAST(?1 AS timestamptz)
                        WHERE id IN (SELECT a.id FROM transfer_area a JOIN transfer t ON t.id = a.transfer_id
                                     WHERE t.status = 'OPEN' AND t.deadline <= CAST(?1 AS timestamptz)
                                       AND a.remaining > 0 AND a.overdue_at IS NULL
                                     ORDER BY a.id LIMIT 500 FOR UPDATE OF a SKIP LOCKED)
                        RETURNING id""", UUID.class).setParameter(1, now).getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                        : TransferArea.<TransferArea>list("id in ?1", ids).flatMap(areas -> each(areas, area ->
                                Transfer.<Transfer>findById(area.transferId).flatMap(transfer ->
                                        Warning.<Warning>findById(transfer.warningId).flatMap(warning ->
                                                outbox.add(EventType.TRANSFER_OVERDUE, warning.subject(),
                                                        area.progress(transfer, null, null, now)))))
                                .replaceWith(areas.size())));
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step).collect().last()
                .replaceWithVoid();
    }
}
