package cn.jinjiang.emergency.shared.projection;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.IncidentMerged;
import cn.jinjiang.emergency.shared.contract.events.IncidentRegraded;
import cn.jinjiang.emergency.shared.contract.events.IncidentReopened;
import cn.jinjiang.emergency.shared.contract.events.IncidentReport;
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
            EventType eventType = EventType.of(event.type()).orElse(null);
            if (eventType == null) {
                // A type newer than this service: the envelope was valid, and nothing here depends on it.
                return Uni.createFrom().nullItem();
            }
            return switch (eventType) {
                case INCIDENT_REPORTED -> {
                    IncidentReported reported = codec.data(event, IncidentReported.class);
                    requireSubject(event, reported.incidentId());
                    yield Panache.getSession().flatMap(session -> session.find(type, reported.incidentId())
                            .flatMap(existing -> {
                                T incident = existing != null ? existing : newIncident.get();
                                incident.apply(reported);
                                return existing != null ? Uni.createFrom().item(incident)
                                        : session.persist(incident).replaceWith(incident);
                            }));
                }
                case INCIDENT_UPDATED, INCIDENT_CLOSED -> {
                    IncidentReport report = codec.data(event, IncidentReport.class);
                    yield existing(type, event, report.incidentId()).invoke(incident -> incident.apply(report));
                }
                case INCIDENT_REGRADED -> {
                    IncidentRegraded regraded = codec.data(event, IncidentRegraded.class);
                    yield existing(type, event, regraded.incidentId()).invoke(incident -> incident.apply(regraded));
                }
                case INCIDENT_REOPENED -> {
                    IncidentReopened reopened = codec.data(event, IncidentReopened.class);
                    yield existing(type, event, reopened.incidentId()).invoke(incident -> incident.apply(reopened));
                }
                case INCIDENT_MERGED -> {
                    IncidentMerged merged = codec.data(event, IncidentMerged.class);
                    yield existing(type, event, merged.incidentId()).invoke(incident -> incident.apply(merged));
                }
                default -> Uni.createFrom().nullItem();
            };
        };
    }

    /**
     * The incident a later event is about. Events of one incident arrive in order, so an unknown one means its
     * incident.reported never arrived here (it was dead-lettered): the event cannot be applied and joins it there.
     */
    private static <T extends IncidentProjection> Uni<T> existing(Class<T> type, EventEnvelope event, UUID id) {
        requireSubject(event, id);
        return Panache.getSession().flatMap(session -> session.find(type, id))
                .onItem().ifNull().failWith(() -> new PoisonEventException(event.type() + " for incident " + id
                        + ", which was never reported here"));
    }

    /** The key and subject route and order an incident's events; a mismatch would file it elsewhere. */
    private static void requireSubject(EventEnvelope event, UUID incidentId) {
        if (!incidentId.toString().equals(event.subject())) {
            throw new PoisonEventException("subject " + event.subject() + " is not incident " + incidentId);
        }
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
