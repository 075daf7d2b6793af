package cn.jinjiang.emergency.shared.contract.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The broadcast platform's report of how a CAP message went out on one channel: a loudspeaker terminal played it, or
 * failed to; or another channel (cell broadcast, SMS, television, the web) reached some people of an area. Written by
 * the platform, not by a service of this system. Schema: /schemas/events/broadcast.ack.schema.json
 *
 * @param channel       LOUDSPEAKER when absent (the platform is not ours, and its older reports name none)
 * @param terminalCode  the loudspeaker terminal, for LOUDSPEAKER; null for the other channels
 * @param areaCode      the area another channel reached people of; null for LOUDSPEAKER
 * @param peopleReached how many people another channel reached there, where it knows; null otherwise
 */
public record BroadcastAck(UUID warningId, String capIdentifier, Channel channel, String terminalCode,
                           String areaCode, Outcome outcome, Integer peopleReached, OffsetDateTime reportedAt) {

    public enum Outcome { PLAYED, FAILED }

    /** The ways a warning reaches the public: the loudspeaker network of the cascade, and the others the plans name. */
    public enum Channel { LOUDSPEAKER, CELL_BROADCAST, SMS, TV, WEB }

    public Channel channelOrLoudspeaker() {
        return channel == null ? Channel.LOUDSPEAKER : channel;
    }
}
