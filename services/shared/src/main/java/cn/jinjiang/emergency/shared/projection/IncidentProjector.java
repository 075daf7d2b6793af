package cn.jinjiang.emergency.shared.projection;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import cn.jinjiang.emergency.shared.inbox.IdempotentConsumer;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.messaging.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.UUID;
import java.util.function.Supplier;

/** Keeps a service's {@link IncidentProjection} table in step with incident-events, each event applied once. */
@ApplicationScoped
public class IncidentProjector {

    private final EventCodec codec;
    private final IdempotentConsumer consumer;

    public IncidentProjector(EventCodec codec, IdempotentConsumer consumer) {
        this.codec = codec;
        this.consumer = consumer;
    }

    /**
     * @param type the service's entity for the projection
     * @return true when the event changed the projection now, false when it had been applied before
     */
    public <T extends IncidentProjection> Uni<Boolean> project(EventEnvelope event, Class<T> type,
                                                              Supplier<T> newIncident) {
        return consumer.apply(event, applied -> {
            if (EventType.of(event.type()).orElse(null) != EventType.INCIDENT_REPORTED) {
                // Event types this service does not project yet are still logged, so replays stay idempotent.
                return Uni.createFrom().voidItem();
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
                        return existing != null ? Uni.createFrom().voidItem() : session.persist(incident);
                    }));
        });
    }

    /** Reads the Kafka record value (poison records fail here, for the dead-letter topic) and projects it. */
    public <T extends IncidentProjection> Uni<Boolean> project(String record, Class<T> type, Supplier<T> newIncident) {
        return project(codec.read(record), type, newIncident);
    }

    /** The service's copy of an incident; fails with 404 while the service has not heard of it. */
    public static <T extends IncidentProjection> Uni<T> known(Class<T> type, UUID id) {
        return Panache.getSession().flatMap(session -> session.find(type, id))
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id + " is known here"));
    }
}
