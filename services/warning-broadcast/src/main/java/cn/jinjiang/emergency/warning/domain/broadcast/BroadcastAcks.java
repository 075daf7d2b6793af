package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.BroadcastAck;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.warning.CapMessage;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records what the broadcast platform reports: per loudspeaker terminal, and per area for the other channels. A
 * repeated report changes nothing; a terminal that failed and then played counts as played (a retry worked), never
 * the other way round. Runs in the caller's transaction.
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
            if (ack.channelOrLoudspeaker() != BroadcastAck.Channel.LOUDSPEAKER) {
                return channel(ack, message.warningId);
            }
            if (ack.terminalCode() == null) {
                return Uni.createFrom().failure(new InvalidFieldException("terminalCode", "names the loudspeaker "
                        + "terminal that played or failed; another channel names its channel and areaCode"));
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

    /**
     * Another channel's reach in an area of the warning: the latest report of each channel and area stands (a later
     * count replaces an earlier one; an older one arriving late changes nothing).
     */
    private Uni<Boolean> channel(BroadcastAck ack, UUID warningId) {
        if (ack.areaCode() == null) {
            return Uni.createFrom().failure(new InvalidFieldException("areaCode", "names the area the "
                    + ack.channelOrLoudspeaker() + " channel reached people of"));
        }
        return Warning.<Warning>findById(warningId).flatMap(warning -> {
            if (warning.areaCodes().stream().noneMatch(target -> AreaCodes.covers(target, ack.areaCode()))) {
                return Uni.createFrom().failure(new InvalidFieldException("areaCode", ack.areaCode()
                        + " is not among the warning's areas " + warning.areaCodes()));
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "INSERT INTO channel_reach (warning_id, channel, area_code, outcome, people_reached, "
                                    + "reported_at, received_at) VALUES (:warning, :channel, :area, :outcome, :people, "
                                    + ":reported, :received) ON CONFLICT (warning_id, channel, area_code) DO UPDATE SET "
                                    + "outcome = EXCLUDED.outcome, people_reached = EXCLUDED.people_reached, "
                                    + "reported_at = EXCLUDED.reported_at, received_at = EXCLUDED.received_at "
                                    + "WHERE channel_reach.reported_at < EXCLUDED.reported_at")
                    .setParameter("warning", warningId)
                    .setParameter("channel", ack.channelOrLoudspeaker().name())
                    .setParameter("area", ack.areaCode())
                    .setParameter("outcome", ack.outcome().name())
                    .setParameter("people", ack.peopleReached())
                    .setParameter("reported", ack.reportedAt())
                    .setParameter("received", OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate())
                    .map(changed -> changed > 0);
        });
    }
}
