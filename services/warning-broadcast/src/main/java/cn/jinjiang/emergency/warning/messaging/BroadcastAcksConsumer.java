package cn.jinjiang.emergency.warning.messaging;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.contract.events.BroadcastAck;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import cn.jinjiang.emergency.warning.domain.broadcast.BroadcastAcks;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The broadcast platform's playback reports from broadcast-acks, a poll at a time; a report for an unknown warning,
 * CAP message or terminal can never be applied and goes to broadcast-acks.dlq.
 */
@ApplicationScoped
public class BroadcastAcksConsumer {

    private final BatchConsumer consumer;
    private final BroadcastAcks acks;
    private final EventCodec codec;

    public BroadcastAcksConsumer(BatchConsumer consumer, BroadcastAcks acks, EventCodec codec) {
        this.consumer = consumer;
        this.acks = acks;
        this.codec = codec;
    }

    @Incoming(Topics.BROADCAST_ACKS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, event -> {
            if (!EventType.BROADCAST_ACK.type().equals(event.type())) {
                return Uni.createFrom().nullItem();
            }
            return acks.record(codec.data(event, BroadcastAck.class))
                    .onFailure(InvalidFieldException.class)
                    .transform(refused -> new PoisonEventException(refused.getMessage()));
        }).replaceWithVoid();
    }
}
