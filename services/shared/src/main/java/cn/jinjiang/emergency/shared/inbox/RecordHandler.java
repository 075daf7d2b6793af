package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * An {@link EventHandler} that also needs the record its event was read from (its topic, partition and offset), for a
 * consumer that keeps its own position in the topics. It is handed the event the {@link BatchConsumer} decoded, so
 * the record's value is never read a second time.
 *
 * @param <R> what the effect leaves for after the commit, or null for nothing
 */
@FunctionalInterface
public interface RecordHandler<R> {

    /**
     * @param record the record the event was read from; of a redelivery within the batch, the first copy
     * @throws cn.jinjiang.emergency.shared.messaging.PoisonEventException (or fails with it) for an event that can
     *      never be applied; it alone goes to the dead-letter topic
     */
    Uni<R> apply(EventEnvelope event, KafkaRecord<String, String> record);
}
