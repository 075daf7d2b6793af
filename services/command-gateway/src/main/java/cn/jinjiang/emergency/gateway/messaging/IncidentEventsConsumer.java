package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.api.ScreenBroadcaster;
import cn.jinjiang.emergency.gateway.api.ScreenMessage;
import cn.jinjiang.emergency.gateway.domain.Incident;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * Keeps the gateway's projection of incidents and pushes each change to the screens once it is committed. A
 * redelivered event changes nothing and is not pushed again.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final EventCodec codec;
    private final IncidentProjector projector;
    private final ScreenBroadcaster screens;

    public IncidentEventsConsumer(EventCodec codec, IncidentProjector projector, ScreenBroadcaster screens) {
        this.codec = codec;
        this.projector = projector;
        this.screens = screens;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(String record) {
        EventEnvelope event = codec.read(record);
        return projector.project(event, Incident.class, Incident::new)
                .flatMap(applied -> applied && EventType.of(event.type()).isPresent()
                        ? pushToScreens(event) : Uni.createFrom().voidItem());
    }

    private Uni<Void> pushToScreens(EventEnvelope event) {
        UUID incidentId = UUID.fromString(event.subject());
        return Panache.withSession(() -> Incident.<Incident>findById(incidentId))
                .flatMap(incident -> incident == null ? Uni.createFrom().voidItem()
                        : screens.push(ScreenMessage.change(event.type(), event.id(), IncidentSummary.of(incident))));
    }
}
