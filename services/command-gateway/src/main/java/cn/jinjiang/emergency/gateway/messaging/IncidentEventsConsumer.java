package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.api.ScreenBroadcaster;
import cn.jinjiang.emergency.gateway.api.ScreenMessage;
import cn.jinjiang.emergency.gateway.domain.Incident;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.inbox.BatchConsumer;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the gateway's projection of incidents and, once a batch has committed, pushes each change to the screens as
 * the state it committed (taken inside the transaction, so nothing is read twice). A redelivered event changes
 * nothing and is not pushed again.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final BatchConsumer consumer;
    private final IncidentProjector projector;
    private final ScreenBroadcaster screens;

    public IncidentEventsConsumer(BatchConsumer consumer, IncidentProjector projector, ScreenBroadcaster screens) {
        this.consumer = consumer;
        this.projector = projector;
        this.screens = screens;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(batch, projector.into(Incident.class, Incident::new).map(IncidentSummary::of))
                .invoke(applied -> applied.stream()
                        .filter(change -> change.result() != null)
                        .forEach(change -> screens.push(ScreenMessage.change(change.event().type(),
                                change.event().id(), change.result()))))
                .replaceWithVoid();
    }
}
