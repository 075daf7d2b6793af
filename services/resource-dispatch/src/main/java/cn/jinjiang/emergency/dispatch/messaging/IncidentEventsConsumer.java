package cn.jinjiang.emergency.dispatch.messaging;

import cn.jinjiang.emergency.dispatch.domain.assignment.Incident;
import cn.jinjiang.emergency.dispatch.domain.assignment.IncidentReactions;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.inbox.EventHandler;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns of incidents from incident-events, a poll at a time, and reacts to re-grades and closings in the same
 * transaction; poison records go to incident-events.dlq.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final BatchConsumer consumer;
    private final EventHandler<Incident> handler;

    public IncidentEventsConsumer(BatchConsumer consumer, IncidentProjector projector, IncidentReactions reactions) {
        this.consumer = consumer;
        EventHandler<Incident> projection = projector.into(Incident.class, Incident::new);
        this.handler = event -> projection.apply(event).call(incident -> reactions.after(event, incident));
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, handler).replaceWithVoid();
    }
}
