package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * What a service does with one event of a topic it consumes: its effect on the service's own state. Runs inside the
 * {@link BatchConsumer}'s transaction, in partition order; it must not commit, publish or push anything itself.
 * Types it does not care about it simply ignores: they are still logged as processed.
 *
 * @param <R> what the effect leaves for after the commit (e.g. the state to push to screens), or null for nothing
 */
@FunctionalInterface
public interface EventHandler<R> {

    /** @throws cn.jinjiang.emergency.shared.messaging.PoisonEventException (or fails with it) for an event that can
     *      never be applied; it alone goes to the dead-letter topic */
    Uni<R> apply(EventEnvelope event);

    /** The same effect, with its result turned into something else while still in the transaction. */
    default <S> EventHandler<S> map(Function<R, S> after) {
        return event -> apply(event).map(result -> result == null ? null : after.apply(result));
    }
}
