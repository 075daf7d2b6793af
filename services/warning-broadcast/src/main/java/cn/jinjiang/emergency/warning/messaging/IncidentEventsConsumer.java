package cn.jinjiang.emergency.warning.messaging;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.warning.domain.warning.Incident;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns of incidents from incident-events, a poll at a time; poison records go to incident-events.dlq. */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final BatchConsumer consumer;
    private final IncidentProjector projector;

    public IncidentEventsConsumer(BatchConsumer consumer, IncidentProjector projector) {
        this.consumer = consumer;
        this.projector = projector;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, projector.into(Incident.class, Incident::new)).replaceWithVoid();
    }
}
