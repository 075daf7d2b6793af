package cn.jinjiang.emergency.shared.contract.events;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.UUID;

/**
 * An open incident a first report may duplicate, with the linked incident's area: incident events reach every
 * service and the command centre's screens, and a duty officer may only be shown a link to an incident in their own
 * area (the same rule as reading that incident), which a consumer can apply from {@code areaCode} alone.
 *
 * @param areaCode       the linked incident's area; null only in a link recorded before links carried it (a bare id),
 *                       which a consumer shows to no duty officer
 * @param distanceMeters how far apart the two reports are; null in such an older link
 */
public record DuplicateLink(UUID incidentId, String areaCode, Double distanceMeters) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DuplicateLink {
    }

    /** Records already on the topics carry links as bare ids; they must still be read (a replay, a rebuild). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DuplicateLink bareId(String incidentId) {
        return new DuplicateLink(UUID.fromString(incidentId), null, null);
    }
}
