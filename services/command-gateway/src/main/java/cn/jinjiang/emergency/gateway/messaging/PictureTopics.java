package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.picture.PictureWriter;
import cn.jinjiang.emergency.shared.contract.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The four topics the picture is drawn from, one channel each. The channels deliver their batches concurrently; the
 * {@link PictureWriter} takes them in one after another.
 */
@ApplicationScoped
public class PictureTopics {

    private final PictureWriter writer;

    public PictureTopics(PictureWriter writer) {
        this.writer = writer;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvents(KafkaRecordBatch<String, String> batch) {
        return writer.take(batch);
    }

    @Incoming(Topics.DISPATCH_EVENTS)
    public Uni<Void> dispatchEvents(KafkaRecordBatch<String, String> batch) {
        return writer.take(batch);
    }

    @Incoming(Topics.WARNING_EVENTS)
    public Uni<Void> warningEvents(KafkaRecordBatch<String, String> batch) {
        return writer.take(batch);
    }

    @Incoming(Topics.RESERVE_EVENTS)
    public Uni<Void> reserveEvents(KafkaRecordBatch<String, String> batch) {
        return writer.take(batch);
    }
}
