package cn.jinjiang.emergency.gateway.picture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which incidents leave the picture: those closed (or merged into another) longer than the retention ago, counted
 * from the incident's last change as its events tell it ({@code updatedAt}), not from when this instance read them,
 * so every instance and a rebuild agree on which have expired. A reopened incident is open again and stays.
 */
public final class PictureRetention {

    /** What a change carries for an incident that left the picture: its id, marked removed. */
    public static final String REMOVED = "removed";

    /** The change type a removal is sent to screens under. */
    public static final String EXPIRED = "incident.expired";

    private PictureRetention() {
    }

    /** The incidents among {@code items} to take off the picture at {@code now}. */
    public static List<PictureItem> expiring(List<PictureItem> items, Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        return items.stream().filter(item -> item.kind() == ItemKind.INCIDENT)
                .filter(item -> {
                    String status = item.body().path("status").asText();
                    OffsetDateTime closedAt = closedAt(item.body());
                    return ("CLOSED".equals(status) || "MERGED".equals(status)) && closedAt != null
                            && closedAt.toInstant().isBefore(cutoff);
                })
                .toList();
    }

    /** The incident's last change, or null when it carries none that can be read. */
    static OffsetDateTime closedAt(JsonNode incident) {
        try {
            return incident.hasNonNull("updatedAt")
                    ? OffsetDateTime.parse(incident.get("updatedAt").asText()).withOffsetSameInstant(ZoneOffset.UTC)
                    : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The incident as a removal change carries it: its id and {@code removed}, with the filter attributes the
     * incident had, so exactly the screens that could see it are told it is gone.
     */
    public static PictureItem removal(PictureItem incident) {
        return new PictureItem(ItemKind.INCIDENT, incident.id(), incident.incidentId(), incident.areaCodes(),
                incident.grade(), JsonNodeFactory.instance.objectNode().put("id", incident.id()).put(REMOVED, true));
    }
}
