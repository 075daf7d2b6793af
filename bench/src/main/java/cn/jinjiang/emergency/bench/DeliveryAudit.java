package cn.jinjiang.emergency.bench;


import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * After a fault run: did every accepted report reach every service exactly once? Reads each service through its API
 * where it has one for incidents, and every database directly for the exactly-once bookkeeping (one incident row and
 * one processed_event row per event).
 */
final class DeliveryAudit {

    /** How each consuming service shows that it knows an incident: a 200 here. */
    private static final Map<String, String> READ_BACK = new LinkedHashMap<>();

    static {
        READ_BACK.put("resource-dispatch", "/api/incidents/%s");
        READ_BACK.put("warning-broadcast", "/api/incidents/%s/warnings");
        READ_BACK.put("material-reserves", "/api/incidents/%s/allocations");
        READ_BACK.put("command-gateway", "/api/picture/incidents/%s");
    }

    /**
     * Per incident id, its rows in a projection: the other services keep an incident table; the gateway keeps an
     * incident as an item of its picture, under the key {@code incident:<id>}.
     */
    private static String incidentRows(String service) {
        return service.startsWith("command-gateway")
                ? "SELECT CAST(substring(item_key FROM 10) AS uuid) AS id FROM picture_item "
                        + "WHERE item_key = ANY(SELECT 'incident:' || i FROM unnest(CAST(? AS uuid[])) AS ids(i))"
                : "SELECT id FROM incident WHERE id = ANY(?)";
    }

    private static final int IN_FLIGHT = 8;

    private final Stack stack;
    private final List<String> lines = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DeliveryAudit(Stack stack) {
        this.stack = stack;
    }

    List<String> lines() {
        return lines;
    }

    List<String> failures() {
        return failures;
    }

    /** Accepted incident ids by report number. */
    static Map<Integer, UUID> acceptedIds(ReportLoad load) {
        Map<Integer, UUID> ids = new LinkedHashMap<>();
        for (int i = 0; i < load.size(); i++) {
            if (load.accepted(i)) {
                ids.put(i, UUID.fromString(load.answer(i).incidentId()));
            }
        }
        return ids;
    }

    /** Intake's own record: is every accepted report stored, with exactly one event? Returns the event ids. */
    Set<UUID> intake(ReportLoad load, Map<Integer, UUID> accepted) throws Exception {
        Map<UUID, List<UUID>> eventsByIncident = new HashMap<>();
        Set<Integer> storedIndexes = new HashSet<>();
        long unpublished = 0;
        try (Connection db = stack.database("incident_intake"); PreparedStatement query = db.prepareStatement("""
                SELECT i.id, i.title, o.event_id, o.published_at IS NULL AS pending
                  FROM incident i LEFT JOIN outbox_event o ON o.record_key = i.id::text
                 WHERE starts_with(i.title, ?)""")) {
            query.setString(1, load.titles().prefix());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID id = (UUID) rows.getObject(1);
                    storedIndexes.add(load.titles().index(rows.getString(2)));
                    List<UUID> events = eventsByIncident.computeIfAbsent(id, key -> new ArrayList<>());
                    if (rows.getObject(3) != null) {
                        events.add((UUID) rows.getObject(3));
                        if (rows.getBoolean(4)) {
                            unpublished++;
                        }
                    }
                }
            }
        }
        long lost = accepted.values().stream().filter(id -> !eventsByIncident.containsKey(id)).count();
        long withoutOneEvent = accepted.values().stream()
                .filter(id -> eventsByIncident.containsKey(id) && eventsByIncident.get(id).size() != 1).count();
        long storedWithout201 = storedIndexes.stream().filter(i -> !accepted.containsKey(i)).count();
        lines.add(String.format("  intake: %d accepted, %d of them missing from intake's database, %d without exactly"
                        + " one outbox event, %d outbox events still unpublished; %d stored without a 201 reaching"
                        + " the client", accepted.size(), lost, withoutOneEvent, unpublished, storedWithout201));
        if (lost > 0) {
            failures.add(lost + " accepted reports missing from incident-intake's own database");
        }
        if (withoutOneEvent > 0) {
            failures.add(withoutOneEvent + " accepted reports without exactly one outbox event in incident-intake");
        }
        Set<UUID> events = new HashSet<>();
        accepted.values().forEach(id -> events.addAll(eventsByIncident.getOrDefault(id, List.of())));
        return events;
    }

    /** Waits until every projection holds every accepted incident, or the timeout: consumers may still catch up. */
    void awaitProjections(Map<Integer, UUID> accepted, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, Long> counts = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                counts = projectionCounts(accepted.values());
                if (counts.values().stream().allMatch(count -> count == accepted.size())) {
                    lines.add(String.format("  every projection held every accepted incident %.0f s after the stack"
                            + " was ready again", (System.nanoTime() - start) / 1e9));
                    return;
                }
            } catch (Exception e) {
                Progress.say("audit: databases not readable yet (%s)", e.getMessage());
            }
            Pause.millis(2000);
        }
        lines.add("  projections still incomplete after waiting " + timeout.toSeconds() + " s: " + counts + " of "
                + accepted.size());
    }

    private Map<String, Long> projectionCounts(java.util.Collection<UUID> ids) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var projection : Stack.projections().entrySet()) {
            try (Connection db = stack.database(projection.getValue());
                 PreparedStatement query = db.prepareStatement("SELECT count(*) FROM ("
                         + incidentRows(projection.getKey()) + ") AS rows")) {
                query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    counts.put(projection.getKey(), row.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Each consuming service's API must know every accepted incident (HTTP 200). */
    void readBack(Map<Integer, UUID> accepted) {
        for (var service : READ_BACK.entrySet()) {
            Outcomes outcomes = new Outcomes();
            Semaphore slots = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<Void>> asked = new ArrayList<>();
            for (UUID id : accepted.values()) {
                slots.acquireUninterruptibly();
                HttpRequest request = HttpRequest.newBuilder(
                                stack.service(service.getKey(), String.format(service.getValue(), id)))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + stack.viewerToken())
                        .build();
                asked.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> failure == null ? Integer.toString(response.statusCode())
                                : "no answer")
                        .thenAccept(outcome -> {
                            outcomes.count(outcome);
                            slots.release();
                        }));
            }
            CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).join();
            long lost = accepted.size() - outcomes.get("200");
            lines.add(String.format("  %-18s API knows %d of %d (other answers: %s)", service.getKey(),
                    outcomes.get("200"), accepted.size(), outcomes.describeExcept("200")));
            if (lost > 0) {
                failures.add(lost + " accepted reports unknown to " + service.getKey());
            }
        }
    }

    /**
     * The gateway's picture must hold every accepted incident, and a screen connecting now must be shown them in its
     * snapshot.
     */
    void gateway(Map<Integer, UUID> accepted) throws Exception {
        Map<String, Long> counts = projectionCounts(accepted.values());
        for (var instance : counts.entrySet()) {
            if (instance.getKey().startsWith("command-gateway.")) {
                // A further instance's own picture: it must hold everything the first one does.
                lines.add(String.format("  %-18s picture holds %d of %d", instance.getKey(), instance.getValue(),
                        accepted.size()));
                if (instance.getValue() < accepted.size()) {
                    failures.add((accepted.size() - instance.getValue()) + " accepted reports missing from "
                            + instance.getKey());
                }
            }
        }
        long stored = counts.get("command-gateway");
        long snapshotHits = 0;
        int snapshotSize = -1;
        try (Screens fresh = Screens.connect(stack, 1, false, Duration.ofSeconds(30))) {
            Set<String> shown = fresh.all().get(0).lastSnapshotIncidents();
            snapshotSize = shown.size();
            snapshotHits = accepted.values().stream().filter(id -> shown.contains(id.toString())).count();
        } catch (Exception e) {
            lines.add("  command-gateway: a fresh screen could not connect: " + e.getMessage());
        }
        lines.add(String.format("  %-18s picture holds %d of %d; a fresh screen's snapshot lists %d of them"
                        + " (snapshot size %d)", "command-gateway", stored, accepted.size(),
                snapshotHits, snapshotSize));
        if (stored < accepted.size()) {
            failures.add((accepted.size() - stored) + " accepted reports missing from command-gateway");
        }
        if (snapshotHits < accepted.size()) {
            failures.add((accepted.size() - snapshotHits) + " accepted reports not in a fresh screen's snapshot");
        }
    }

    /** Exactly once in each consuming service: one incident row per id and one processed_event row per event id. */
    void exactlyOnce(Map<Integer, UUID> accepted, Set<UUID> eventIds) throws Exception {
        for (var projection : Stack.projections().entrySet()) {
            try (Connection db = stack.database(projection.getValue())) {
                Array events = db.createArrayOf("uuid", eventIds.toArray());
                Array incidents = db.createArrayOf("uuid", accepted.values().toArray());
                long[] eventRows = rowsPerKey(db, "SELECT event_id, count(*) FROM processed_event"
                        + " WHERE event_id = ANY(?) GROUP BY event_id", events, eventIds.size());
                long[] incidentRows = rowsPerKey(db, "SELECT id, count(*) FROM (" + incidentRows(projection.getKey())
                        + ") AS rows GROUP BY id", incidents, accepted.size());
                lines.add(String.format("  %-18s processed_event: %d events once, %d never, %d more than once;"
                                + " incident rows: %d once, %d never, %d more than once", projection.getKey(),
                        eventRows[1], eventRows[0], eventRows[2], incidentRows[1], incidentRows[0], incidentRows[2]));
                if (eventRows[0] + eventRows[2] + incidentRows[2] > 0) {
                    failures.add(projection.getKey() + " is not exactly-once: processed_event missing for "
                            + eventRows[0] + ", duplicated for " + eventRows[2] + "; incident rows duplicated for "
                            + incidentRows[2]);
                }
            }
        }
    }

    /** {never, once, more than once} over {@code expected} keys. */
    private static long[] rowsPerKey(Connection db, String sql, Array keys, int expected) throws Exception {
        long once = 0;
        long more = 0;
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, keys);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(2) == 1) {
                        once++;
                    } else {
                        more++;
                    }
                }
            }
        }
        return new long[] {expected - once - more, once, more};
    }

    /** Screens: those that stayed connected must have had every accepted report exactly once. */
    void screens(Screens screens, ScreenDeliveries deliveries, ReportLoad load) {
        long stayed = 0;
        long missingOnStayed = 0;
        long duplicatesOnStayed = 0;
        long duplicatesOnReconnected = 0;
        long resumedScreens = 0;
        long missingOnResumed = 0;
        long duplicatesOnResumed = 0;
        long resumes = 0;
        long refused = 0;
        for (Screen screen : screens.all()) {
            resumes += screen.resumes();
            refused += screen.refusedResumes();
            if (screen.stayedConnected()) {
                stayed++;
                missingOnStayed += deliveries.missing(screen, load::accepted);
                duplicatesOnStayed += deliveries.duplicates(screen);
            } else if (screen.resumedEveryTime()) {
                // Resumed from its position each time it was dropped: the replay must have closed every gap.
                resumedScreens++;
                missingOnResumed += deliveries.missing(screen, load::accepted);
                duplicatesOnResumed += deliveries.duplicates(screen);
            } else {
                duplicatesOnReconnected += deliveries.duplicates(screen);
            }
        }
        if (resumes + refused > 0) {
            lines.add(String.format("  screens resumed from their position %d times (%d resumes answered with a"
                            + " snapshot instead); %d screens resumed every time they were dropped: on those, %d"
                            + " deliveries missing and %d duplicated", resumes, refused, resumedScreens,
                    missingOnResumed, duplicatesOnResumed));
        }
        if (missingOnResumed > 0) {
            failures.add(missingOnResumed + " deliveries missing on screens that resumed");
        }
        if (duplicatesOnResumed > 0) {
            failures.add(duplicatesOnResumed + " deliveries duplicated on screens that resumed");
        }
        lines.add(String.format("  screens: %d of %d stayed connected; on those, %d deliveries missing and %d"
                        + " duplicated (same event twice); %d duplicates on screens that reconnected", stayed,
                screens.count(), missingOnStayed, duplicatesOnStayed, duplicatesOnReconnected));
        if (missingOnStayed > 0) {
            failures.add(missingOnStayed + " deliveries missing on screens that stayed connected");
        }
    }
}
