package cn.jinjiang.emergency.reserves.messaging;

import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.reserves.domain.shelter.ShelterLinks;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.inbox.EventHandler;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns of incidents from incident-events, a poll at a time; poison records go to incident-events.dlq. */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final BatchConsumer consumer;
    private final EventHandler<Incident> projection;
    private final ShelterLinks links;

    public IncidentEventsConsumer(BatchConsumer consumer, IncidentProjector projector, ShelterLinks links) {
        this.consumer = consumer;
        this.projection = projector.into(Incident.class, Incident::new);
        this.links = links;
    }

    /** The incident projected; a first report also links the shelters opened for a warning or transfer there. */
    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, event -> projection.apply(event).call(incident ->
                        EventType.INCIDENT_REPORTED.type().equals(event.type()) ? links.link(incident)
                                : Uni.createFrom().voidItem()))
                .replaceWithVoid();
    }
}
