package cn.jinjiang.emergency.reserves.domain.agreement;

import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.CallOffNotice;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Calls off agreement reserves for incidents and tracks them to delivery. An agreement's row lock keeps the sum called
 * off within the commitment, whatever the concurrency (and its check constraint behind it).
 */
@ApplicationScoped
public class AgreementReserves {

    private final Outbox outbox;

    public AgreementReserves(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A call-off with the agreement it draws on. */
    public record Called(CallOff callOff, Agreement agreement) {
        public CallOffNotice notice() {
            return new CallOffNotice(callOff.incidentId, callOff.id, agreement.id, agreement.code, agreement.company,
                    agreement.itemCode, callOff.quantity, callOff.status, callOff.dueAt,
                    callOff.status == CallOffNotice.Status.DELIVERED ? callOff.deliveredBy : callOff.calledBy,
                    callOff.status == CallOffNotice.Status.DELIVERED ? callOff.deliveredAt : callOff.calledAt);
        }
    }

    @WithTransaction
    public Uni<Called> callOff(UUID agreementId, UUID incidentId, int quantity, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Incident.<Incident>findById(incidentId, LockModeType.PESSIMISTIC_READ)
                .onItem().ifNull().failWith(() -> new InvalidFieldException(
                        "incidentId", "no incident " + incidentId + " is known here"))
                .flatMap(incident -> {
                    if (incident.status != Incident.Status.OPEN) {
                        return Uni.createFrom().failure(new Conflict("Incident " + incidentId + " is "
                                + incident.status + "; agreement reserves are called off for open incidents only"));
                    }
                    return Agreement.<Agreement>findById(agreementId, LockModeType.PESSIMISTIC_WRITE);
                })
                .onItem().ifNull().failWith(() -> new NotFound("No agreement " + agreementId))
                .flatMap(agreement -> {
                    if (quantity > agreement.remaining()) {
                        return Uni.createFrom().failure(new Conflict("Agreement " + agreement.code
                                + " has " + agreement.remaining() + " of " + agreement.committedQuantity
                                + " left to call off; " + quantity + " asked for"));
                    }
                    agreement.calledOff += quantity;
                    CallOff callOff = new CallOff();
                    callOff.id = UUID.randomUUID();
                    callOff.agreementId = agreement.id;
                    callOff.incidentId = incidentId;
                    callOff.quantity = quantity;
                    callOff.status = CallOffNotice.Status.CALLED_OFF;
                    callOff.dueAt = agreement.dueFrom(now);
                    callOff.calledBy = by;
                    callOff.calledAt = now;
                    Called called = new Called(callOff, agreement);
                    return callOff.persist().replaceWith(called)
                            .call(() -> outbox.add(EventType.RESERVE_CALLED_OFF, incidentId, called.notice()));
                });
    }

    @WithTransaction
    public Uni<Called> delivered(UUID callOffId, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return CallOff.<CallOff>findById(callOffId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No call-off " + callOffId))
                .flatMap(callOff -> {
                    if (callOff.status != CallOffNotice.Status.CALLED_OFF) {
                        return Uni.createFrom().failure(new Conflict("Call-off " + callOffId + " is "
                                + callOff.status));
                    }
                    callOff.status = CallOffNotice.Status.DELIVERED;
                    callOff.deliveredAt = now;
                    callOff.deliveredBy = by;
                    return Agreement.<Agreement>findById(callOff.agreementId).map(a -> new Called(callOff, a))
                            .call(called -> outbox.add(EventType.RESERVE_CALL_OFF_DELIVERED, callOff.incidentId,
                                    called.notice()));
                });
    }
}
