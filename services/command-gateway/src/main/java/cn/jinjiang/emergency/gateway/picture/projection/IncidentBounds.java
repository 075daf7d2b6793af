package cn.jinjiang.emergency.gateway.picture.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Keeps an incident's item small whatever happens to the incident. The item is written to the database, to the change
 * log and to every screen whole at each change, so anything in it that grows with the incident's history makes each
 * change cost more than the last: a chain of 6,500 follow-ups made a 2.9 MB item, 2.7 GB of change log and a gateway
 * that ran out of memory on every restart. The item carries the count of reports ({@code reportCount}) and the newest
 * few; the whole chain is intake's ({@code GET /api/incidents/{id}/reports}). Past the byte bound, the oldest lines of
 * the sections that grow (reports, overdue, released assignments, call-offs) are left out and {@code trimmed} says so.
 * <p>
 * A pure function of the item, so the live picture and a rebuild bound it alike.
 */
public final class IncidentBounds {

    /** The most a report's text keeps when even the newest report alone is past the bound. */
    static final int SHORT_TEXT = 280;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int recentReports;
    private final int maxBytes;

    public IncidentBounds(int recentReports, int maxBytes) {
        this.recentReports = Math.max(1, recentReports);
        this.maxBytes = maxBytes;
    }

    /** Bounds the incident's item in place; returns whether anything was left out. */
    public boolean bound(ObjectNode incident) {
        boolean changed = false;
        if (incident.get("reports") instanceof ObjectNode reports && !reports.isEmpty()) {
            int highest = incident.path("reportCount").asInt(0);
            for (Iterator<String> keys = reports.fieldNames(); keys.hasNext(); ) {
                highest = Math.max(highest, sequence(keys.next()));
            }
            if (incident.path("reportCount").asInt(-1) != highest) {
                incident.put("reportCount", highest);
            }
            changed |= keepNewest(reports, recentReports);
        }
        int size = bytes(incident);
        if (size <= maxBytes) {
            return changed;
        }
        // Oldest first, section by section, until it fits: the newest report last of all.
        for (String section : List.of("overdue", "assignments", "callOffs", "reports")) {
            if (size <= maxBytes) {
                break;
            }
            if (incident.get(section) instanceof ObjectNode lines) {
                size = dropOldest(incident, lines, section, size);
            }
        }
        if (size > maxBytes && incident.get("reports") instanceof ObjectNode reports) {
            for (JsonNode line : reports) {
                shorten((ObjectNode) line, "situation");
                shorten((ObjectNode) line, "actionsTaken");
            }
        }
        incident.put("trimmed", true);
        return true;
    }

    private int dropOldest(ObjectNode incident, ObjectNode lines, String section, int size) {
        List<String> keys = new ArrayList<>();
        lines.fieldNames().forEachRemaining(keys::add);
        if ("reports".equals(section)) {
            keys.sort(Comparator.comparingInt(IncidentBounds::sequence));
            // The newest report stays, shortened below if it must be.
            keys.remove(keys.size() - 1);
        } else if ("assignments".equals(section)) {
            // Units still at work stay on the picture; released ones are history.
            keys.removeIf(key -> lines.path(key).path("active").asBoolean(false));
        }
        int now = size;
        for (String key : keys) {
            if (now <= maxBytes) {
                break;
            }
            JsonNode line = lines.remove(key);
            // The line, its key in quotes, the colon and a comma.
            now -= bytes(line) + key.length() + 4;
        }
        return now <= maxBytes ? bytes(incident) : now;
    }

    private static void shorten(ObjectNode line, String field) {
        JsonNode text = line.get(field);
        if (text != null && text.isTextual() && text.asText().length() > SHORT_TEXT) {
            line.put(field, text.asText().substring(0, SHORT_TEXT) + "…");
            line.put("shortened", true);
        }
    }

    /** Keeps the {@code keep} highest sequences; returns whether any was dropped. */
    private static boolean keepNewest(ObjectNode reports, int keep) {
        if (reports.size() <= keep) {
            return false;
        }
        List<String> keys = new ArrayList<>();
        reports.fieldNames().forEachRemaining(keys::add);
        keys.sort(Comparator.comparingInt(IncidentBounds::sequence).reversed());
        keys.subList(keep, keys.size()).forEach(reports::remove);
        return true;
    }

    private static int sequence(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
