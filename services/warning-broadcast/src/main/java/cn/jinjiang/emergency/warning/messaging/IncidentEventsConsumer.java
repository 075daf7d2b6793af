package cn.jinjiang.emergency.warning.messaging;

import cn.jinjiang.emergency.warning.domain.Incident;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns of incidents from incident-events; poison records fail here and go to incident-events.dlq. */
@ApplicationScoped
public class IncidentEventsConsumer {

    private final IncidentProjector projector;

    public IncidentEventsConsumer(IncidentProjector projector) {
        this.projector = projector;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(String record) {
        return projector.project(record, Incident.class, Incident::new).replaceWithVoid();
    }
}
