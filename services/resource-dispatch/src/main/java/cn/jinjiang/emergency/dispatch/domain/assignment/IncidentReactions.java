package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.DispatchShortfall;
import cn.jinjiang.emergency.shared.contract.events.IncidentRegraded;
import cn.jinjiang.emergency.shared.contract.events.ReleaseRequested;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What dispatch does when an incident changes, inside the consumer's transaction: a re-grade re-evaluates the plan and
 * reports a shortfall; closing or merging flags the units still assigned for a dispatcher to release (a unit on scene
 * may have work to finish, so none is pulled off automatically).
 */
@ApplicationScoped
public class IncidentReactions {

    private final ResponsePlans plans;
    private final Outbox outbox;
    private final EventCodec codec;

    public IncidentReactions(ResponsePlans plans, Outbox outbox, EventCodec codec) {
        this.plans = plans;
        this.outbox = outbox;
        this.codec = codec;
    }

    /** @param incident the incident as the event left it (null for event types not projected) */
    public Uni<Void> after(EventEnvelope event, Incident incident) {
        if (incident == null) {
            return Uni.createFrom().voidItem();
        }
        return switch (EventType.of(event.type()).orElseThrow()) {
            case INCIDENT_REGRADED -> incident.isOpen()
                    ? reevaluate(incident, codec.data(event, IncidentRegraded.class))
                    : Uni.createFrom().voidItem();
            case INCIDENT_CLOSED -> requestRelease(incident, ReleaseRequested.Cause.INCIDENT_CLOSED);
            case INCIDENT_MERGED -> requestRelease(incident, ReleaseRequested.Cause.INCIDENT_MERGED);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> reevaluate(Incident incident, IncidentRegraded regraded) {
        return plans.statusOf(incident).flatMap(plan -> plan.isMet() ? Uni.createFrom().voidItem()
                : outbox.add(EventType.DISPATCH_SHORTFALL, incident.id, new DispatchShortfall(incident.id,
                        incident.type, incident.grade, regraded.previousGrade(),
                        plan.shortfall().stream().map(line -> new DispatchShortfall.Line(line.capability(),
                                line.required(), line.assigned(), line.missing())).toList(),
                        OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid());
    }

    private Uni<Void> requestRelease(Incident incident, ReleaseRequested.Cause cause) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Assignment.openOf(incident.id).flatMap(open -> {
            List<Assignment> unflagged = open.stream().filter(a -> a.releaseRequestedAt == null).toList();
            if (unflagged.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            unflagged.forEach(a -> a.releaseRequestedAt = now);
            return ResponsePlans.unitsOf(unflagged).flatMap(units -> outbox.add(
                    EventType.DISPATCH_RELEASE_REQUESTED, incident.id, new ReleaseRequested(incident.id, cause,
                            unflagged.stream().map(a -> new ReleaseRequested.Unit(a.id, a.unitId,
                                    units.get(a.unitId).callSign)).toList(), now))).replaceWithVoid();
        });
    }
}
