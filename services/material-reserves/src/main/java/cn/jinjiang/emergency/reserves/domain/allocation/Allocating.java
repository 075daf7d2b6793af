package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Need;
import cn.jinjiang.emergency.reserves.domain.stock.Catalogue;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reserves materials for incidents, in rounds. Allocations that arrive while a round is in its transaction wait and go
 * together into the next ({@link AllocationRound}), at most {@code round-size} at a time, so under load the database
 * sees a few statements and one commit for many allocations rather than a dozen round trips for each; alone, an
 * allocation is a round of one and waits for nothing. An instance runs one round at a time, so its allocations never
 * race each other for a lot; rounds of other instances can, and a round that lost a lot to one is planned again, the
 * attempt after {@code optimistic-attempts} holding its items alone. Of any number of concurrent allocations on any
 * number of instances, the sum reserved never exceeds the stock and no unit is promised twice.
 */
@ApplicationScoped
public class Allocating {

    private static final Logger LOG = Logger.getLogger(Allocating.class);
    private static final Set<String> RETRIED_STATES = Set.of("40P01", "40001");

    /** An allocation waiting for its round, with where its answer goes and on which context. */
    private record Waiting(Asked asked, UniEmitter<? super Replay> answer, Context context) {
    }

    private final AllocationRound round;
    private final Catalogue catalogue;
    private final ReservesPolicy policy;
    private final OutboxCommits commits;
    private final Vertx vertx;
    private final Counter replanned;
    private final DistributionSummary roundSizes;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private boolean running;

    public Allocating(AllocationRound round, Catalogue catalogue, ReservesPolicy policy, OutboxCommits commits,
            Vertx vertx, MeterRegistry registry) {
        this.round = round;
        this.catalogue = catalogue;
        this.policy = policy;
        this.commits = commits;
        this.vertx = vertx;
        this.replanned = Counter.builder("reserves.allocation.replanned")
                .description("Rounds of allocations planned again because another instance took the lots they chose")
                .register(registry);
        this.roundSizes = DistributionSummary.builder("reserves.allocation.round.size")
                .description("Allocations made together in one transaction").register(registry);
    }

    /** Reserves what is asked in the next round, or answers as before for a claim already answered. */
    public Uni<Replay> allocate(Asked asked) {
        List<Need> needs = asked.needs();
        if (needs.size() > policy.maxLinesPerAllocation()) {
            throw new InvalidFieldException("lines", "at most " + policy.maxLinesPerAllocation() + " items");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < needs.size(); i++) {
            if (!seen.add(needs.get(i).itemCode())) {
                throw new InvalidFieldException("lines[" + i + "].itemCode",
                        needs.get(i).itemCode() + " is named twice");
            }
        }
        Context context = Vertx.currentContext();
        return catalogue.check(needs.stream().map(Need::itemCode).toList(), i -> "lines[" + i + "].itemCode")
                .flatMap(checked -> Uni.createFrom().<Replay>emitter(answer -> {
                    synchronized (waiting) {
                        waiting.add(new Waiting(asked, answer, context));
                    }
                    next();
                }));
    }

    /** Starts the next round unless one is running. */
    private void next() {
        List<Waiting> taken = new ArrayList<>();
        synchronized (waiting) {
            if (running || waiting.isEmpty()) {
                return;
            }
            running = true;
            // Two requests under one key wait for different rounds: the later then finds the earlier's answer.
            Set<List<String>> keys = new HashSet<>();
            List<Waiting> later = new ArrayList<>();
            while (taken.size() < policy.roundSize() && !waiting.isEmpty()) {
                Waiting next = waiting.poll();
                IdempotentRequests.Claim claim = next.asked().claim();
                if (claim != null && !keys.add(List.of(claim.caller(), claim.key()))) {
                    later.add(next);
                } else {
                    taken.add(next);
                }
            }
            for (int i = later.size() - 1; i >= 0; i--) {
                waiting.addFirst(later.get(i));
            }
        }
        roundSizes.record(taken.size());
        run(taken, 1);
    }

    private void run(List<Waiting> taken, int attempt) {
        boolean alone = attempt > policy.optimisticAttempts();
        List<Asked> asked = taken.stream().map(Waiting::asked).toList();
        // A context of the round's own, marked safe for Hibernate Reactive: the round is nobody's request.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        // Deferred, so that whatever goes wrong in starting it still ends the round and answers its allocations:
        // a round that never ended would leave every later allocation of this instance waiting.
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> commits.inTransaction(
                        () -> round.make(asked, alone)))
                .subscribe().with(
                        outcomes -> {
                            for (int i = 0; i < taken.size(); i++) {
                                answer(taken.get(i), outcomes.get(i));
                            }
                            finished();
                        },
                        failure -> {
                            if (attempt <= policy.optimisticAttempts() + 1 && isLostRace(failure)) {
                                replanned.increment();
                                run(taken, attempt + 1);
                                return;
                            }
                            LOG.warnf("A round of %d allocations failed: %s", taken.size(), failure);
                            taken.forEach(w -> answer(w, Outcome.failed(failure instanceof RuntimeException runtime
                                    ? runtime : new IllegalStateException(failure))));
                            finished();
                        }));
    }

    private void finished() {
        synchronized (waiting) {
            running = false;
        }
        next();
    }

    /** Answers on the context the request came in on, where its response is written. */
    private static void answer(Waiting waiting, Outcome outcome) {
        Runnable give = () -> {
            if (outcome.failure() != null) {
                waiting.answer().fail(outcome.failure());
            } else {
                waiting.answer().complete(outcome.answer());
            }
        };
        if (waiting.context() == null) {
            give.run();
        } else {
            waiting.context().runOnContext(ignored -> give.run());
        }
    }

    /**
     * Lost to another instance's round: a lot it planned on was taken, two requests under one key committed at once,
     * or the database chose this round as a deadlock's victim. Planned again from what is there now.
     */
    private static boolean isLostRace(Throwable failure) {
        if (failure instanceof StockMoved || IdempotentRequests.isRace(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && RETRIED_STATES.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
