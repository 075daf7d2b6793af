package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.BroadcastAck;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.warning.domain.warning.CapMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records what the broadcast platform reports per terminal. A repeated report changes nothing; a terminal that failed
 * and then played counts as played (a retry worked), never the other way round. Runs in the caller's transaction.
 */
@ApplicationScoped
public class BroadcastAcks {

    /** @return whether the report changed what is known (false for a repeat) */
    public Uni<Boolean> record(BroadcastAck ack) {
        return CapMessage.<CapMessage>findById(ack.capIdentifier()).flatMap(message -> {
            if (message == null || !message.warningId.equals(ack.warningId())) {
                return Uni.createFrom().failure(new InvalidFieldException("capIdentifier", "no CAP message "
                        + ack.capIdentifier() + " was issued for warning " + ack.warningId()));
            }
            return Terminal.count("code", ack.terminalCode()).flatMap(terminals -> {
                if (terminals == 0) {
                    return Uni.createFrom().failure(new InvalidFieldException("terminalCode", "no terminal "
                            + ack.terminalCode()));
                }
                return Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "INSERT INTO broadcast_ack (warning_id, terminal_code, outcome, reported_at, "
                                        + "received_at) VALUES (:warning, :terminal, :outcome, :reported, :received) "
                                        + "ON CONFLICT (warning_id, terminal_code) DO UPDATE SET outcome = 'PLAYED', "
                                        + "reported_at = EXCLUDED.reported_at, received_at = EXCLUDED.received_at "
                                        + "WHERE broadcast_ack.outcome = 'FAILED' AND EXCLUDED.outcome = 'PLAYED'")
                        .setParameter("warning", ack.warningId())
                        .setParameter("terminal", ack.terminalCode())
                        .setParameter("outcome", ack.outcome().name())
                        .setParameter("reported", ack.reportedAt())
                        .setParameter("received", OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate())
                        .map(changed -> changed > 0);
            });
        });
    }
}
