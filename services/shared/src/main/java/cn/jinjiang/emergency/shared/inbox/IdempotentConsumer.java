package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * Applies an incoming record at most once. The event id goes into the consumer message log in the same transaction
 * as the effect, so a redelivered event (rebalance, relay retry, replay) changes nothing the second time.
 * <p>
 * Poison records fail straight away so the channel's dead-letter strategy moves them aside. Anything else (the
 * database restarting, say) is retried here for up to {@link #TRANSIENT_FAILURE_BUDGET}, holding the partition, so a
 * good event is not parked in the dead-letter topic by an outage; only a failure that outlasts it goes there.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    static final Duration TRANSIENT_FAILURE_BUDGET = Duration.ofMinutes(10);

    /**
     * @param effect what the event does to this service's state; runs inside the transaction
     * @return true when applied now, false when it had been applied before
     */
    public Uni<Boolean> apply(EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return Panache.withTransaction(() -> ProcessedEvent.<ProcessedEvent>findById(event.id())
                        .flatMap(seen -> seen != null
                                ? Uni.createFrom().item(false)
                                : effect.apply(event).call(() -> ProcessedEvent.of(event).persist()).replaceWith(true)))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("Event %s not applied yet, retrying: %s", event.id(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).expireIn(
                        TRANSIENT_FAILURE_BUDGET.toMillis());
    }
}
