package cn.jinjiang.emergency.shared.projection;

import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import cn.jinjiang.emergency.shared.inbox.EventHandler;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.UUID;
import java.util.function.Supplier;

/** Keeps a service's {@link IncidentProjection} table in step with incident-events. */
@ApplicationScoped
public class IncidentProjector {

    private final EventCodec codec;

    public IncidentProjector(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * The handler that projects incident events into the service's own entity.
     *
     * @return a handler whose result is the incident as this event left it, or null for event types not projected
     */
    public <T extends IncidentProjection> EventHandler<T> into(Class<T> type, Supplier<T> newIncident) {
        return event -> {
            if (EventType.of(event.type()).orElse(null) != EventType.INCIDENT_REPORTED) {
                return Uni.createFrom().nullItem();
            }
            IncidentReported reported = codec.data(event, IncidentReported.class);
            if (!reported.incidentId().toString().equals(event.subject())) {
                // The key and subject route and order an incident's events; a mismatch would file it elsewhere.
                throw new PoisonEventException("subject " + event.subject() + " is not incident "
                        + reported.incidentId());
            }
            return Panache.getSession().flatMap(session -> session.find(type, reported.incidentId())
                    .flatMap(existing -> {
                        T incident = existing != null ? existing : newIncident.get();
                        incident.apply(reported);
                        return existing != null ? Uni.createFrom().item(incident)
                                : session.persist(incident).replaceWith(incident);
                    }));
        };
    }

    /** The service's copy of an incident; fails with 404 while the service has not heard of it. */
    public static <T extends IncidentProjection> Uni<T> known(Class<T> type, UUID id) {
        return Panache.getSession().flatMap(session -> session.find(type, id))
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id + " is known here"));
    }

    /**
     * The incident if the caller may see it. One outside a duty officer's area is answered as unknown, not as
     * forbidden, so that its existence does not leak either.
     */
    public static <T extends IncidentProjection> Uni<T> visible(Class<T> type, UUID id, Caller caller) {
        return known(type, id).invoke(incident -> {
            if (!caller.mayAccess(incident.areaCode)) {
                throw new NotFoundException("No incident " + id + " is known here");
            }
        });
    }
}
