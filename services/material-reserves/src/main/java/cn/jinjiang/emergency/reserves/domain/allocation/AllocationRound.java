package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.domain.allocation.RoundPlan.Planned;
import cn.jinjiang.emergency.reserves.domain.stock.ItemLocks;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One transaction that makes a round of allocations. It takes the items' locks (shared with other rounds, or alone on
 * the last attempt: {@link ItemLocks}), reads the incidents ({@link RoundIncidents}) and the free stock of every item
 * asked for once ({@link FreeStock}), plans the allocations one after the other in arrival order, each from what the
 * earlier ones left ({@link RoundPlan}), then row-locks every chosen lot in id order and raises its reserved quantity
 * if it still has what the round takes, and writes what was made ({@link RoundRecorder}). If a round on another
 * instance took a lot first ({@link StockMoved}) the whole round is rolled back and planned again. An allocation that
 * fails on its own (unknown or closed incident, an idempotency key used for another request, an event the contract
 * cannot carry) is answered so and leaves the others alone.
 */
@ApplicationScoped
public class AllocationRound {

    private final RoundRecorder recorder;
    private final IdempotentRequests requests;
    private final BureauCalendar calendar;

    public AllocationRound(RoundRecorder recorder, IdempotentRequests requests, BureauCalendar calendar) {
        this.calendar = calendar;
        this.recorder = recorder;
        this.requests = requests;
    }

    /**
     * Runs inside the caller's transaction; the outcomes are in the order asked.
     *
     * @param alone hold the items' locks alone: the plans are then sure to hold (the last attempt)
     */
    public Uni<List<Outcome>> make(List<Asked> round, boolean alone) {
        OffsetDateTime now = calendar.now();
        LocalDate today = calendar.dateOf(now);
        Set<String> codes = new LinkedHashSet<>();
        round.forEach(asked -> asked.needs().forEach(need -> codes.add(need.itemCode())));
        Outcome[] outcomes = new Outcome[round.size()];
        return (alone ? ItemLocks.lock(codes) : ItemLocks.share(codes))
                .flatMap(locked -> RoundIncidents.read(round))
                .flatMap(incidents -> answeredBefore(round, outcomes).replaceWith(incidents))
                .flatMap(incidents -> FreeStock.read(codes, today)
                        .flatMap(stock -> prepare(round, incidents, stock, outcomes, now))
                        .flatMap(prepared -> FreeStock.reserve(prepared.planned(), today, alone)
                                .flatMap(reserved -> recorder.record(prepared))
                                .invoke(made -> made.forEach((index, answer) -> outcomes[index] = new Outcome(answer,
                                        null)))))
                .map(done -> List.of(outcomes));
    }

    /**
     * Plans the allocations without an outcome and builds what they would write. One that cannot be announced gets
     * its refusal as its outcome, and the others are planned again without it, so none of them is left short of
     * stock it would have taken.
     */
    private Uni<RoundRecorder.Prepared> prepare(List<Asked> round, Map<UUID, RoundIncidents.Known> incidents,
            List<AllocationPlanner.Stocked> stock, Outcome[] outcomes, OffsetDateTime now) {
        List<Planned> planned = RoundPlan.plan(round, incidents, stock, outcomes);
        return recorder.prepare(planned, now).flatMap(prepared -> {
            if (prepared.refused().isEmpty()) {
                return Uni.createFrom().item(prepared);
            }
            prepared.refused().forEach((index, refusal) -> outcomes[index] = Outcome.failed(refusal));
            return prepare(round, incidents, stock, outcomes, now);
        });
    }

    /** Allocations sent again under a key already answered get that answer, and are not made again. */
    private Uni<Void> answeredBefore(List<Asked> round, Outcome[] outcomes) {
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            if (round.get(i).claim() != null) {
                keyed.add(i);
            }
        }
        if (keyed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(keyed).onItem().transformToUniAndConcatenate(index ->
                        requests.answered(round.get(index).claim())
                                .invoke(found -> {
                                    if (found != null) {
                                        outcomes[index] = new Outcome(found, null);
                                    }
                                })
                                .onFailure(RuntimeException.class).recoverWithItem(failure -> {
                                    outcomes[index] = Outcome.failed((RuntimeException) failure);
                                    return null;
                                }))
                .collect().last().replaceWithVoid();
    }
}
