package cn.jinjiang.emergency.reserves.messaging;

import cn.jinjiang.emergency.reserves.domain.warning.WarningProjector;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns of warnings and their transfers from warning-events, a poll at a time; poison records go to its .dlq. */
@ApplicationScoped
public class WarningEventsConsumer {

    private final BatchConsumer consumer;
    private final WarningProjector projector;

    public WarningEventsConsumer(BatchConsumer consumer, WarningProjector projector) {
        this.consumer = consumer;
        this.projector = projector;
    }

    @Incoming(Topics.WARNING_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, projector).replaceWithVoid();
    }
}
