package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The broadcast platform's report that a terminal played, or failed to play, a CAP message. Written by the platform,
 * not by a service of this system. Schema: /schemas/events/broadcast.ack.schema.json
 */
public record BroadcastAck(UUID warningId, String capIdentifier, String terminalCode, Outcome outcome,
                           OffsetDateTime reportedAt) {

    public enum Outcome { PLAYED, FAILED }
}
