package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.CIZAO;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.DONGSHI;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The picture built from every topic, over HTTP, and rebuilt from the topics. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class PictureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Picture picture;

    @Inject
    PictureRebuild rebuild;

    private static Response get(String path, String role, String area) {
        return given().header("Authorization", TestTokens.bearer(role, area)).get(path);
    }

    private static void awaitIncident(UUID incident, String path, Object value) {
        Eventually.until(() -> {
            Response response = get("/api/picture/incidents/" + incident, "dispatcher", null);
            Object shown = response.statusCode() == 200 ? response.path(path) : null;
            return String.valueOf(shown).equals(String.valueOf(value));
        }, WAIT, path + " of " + incident);
    }

    @Test
    void anIncidentsPictureGathersEveryTopic() {
        UUID incident = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID warning = UUID.randomUUID();
        UUID shelter = UUID.randomUUID();
        // The dispatch event may well be read before the first report: each topic fills its own sections. The
        // follow-up (the example's figures) grades the incident IV.
        PictureEvents.send(PictureEvents.assigned(incident, unit, "JJ-FIRE-ANHAI-1"));
        PictureEvents.send(PictureEvents.reported(incident, ANHAI, "III", "Warehouse fire"));
        PictureEvents.send(PictureEvents.followUp(incident, 2, "Spreading to the next building"));
        PictureEvents.send(PictureEvents.unitStatus(unit, incident, "DISPATCHED", "ON_SCENE", 3, 24.71, 118.46));
        PictureEvents.send(PictureEvents.warningIssued(warning, incident, List.of(ANHAI)));
        PictureEvents.send(PictureEvents.coverage(warning, incident, 81.5));
        PictureEvents.send(PictureEvents.shelter("shelter.opened", shelter, incident, ANHAI, 24.72, 118.47, 300, 120));
        UUID allocation = UUID.randomUUID();
        ObjectNode allocated = PictureEvents.allocated(incident, allocation, "SANDBAG", 500);
        PictureEvents.send(allocated);

        awaitIncident(incident, "shelters." + shelter + ".occupancy", 120);
        awaitIncident(incident, "materials.allocations.RESERVED", 1);
        awaitIncident(incident, "warnings." + warning + ".coveragePercent", 81.5);
        get("/api/picture/incidents/" + incident, "viewer", null).then().statusCode(200)
                .body("title", equalTo("Warehouse fire"))
                .body("grade", equalTo("IV"))
                .body("reports.keySet()", contains("1", "2"))
                .body("reports.2.situation", equalTo("Spreading to the next building"))
                .body("assignments.values().callSign", hasItem("JJ-FIRE-ANHAI-1"))
                .body("units." + unit + ".status", equalTo("ON_SCENE"));
        get("/api/picture?incidents=" + incident, "commander", null).then().statusCode(200)
                .body("incidents.id", contains(incident.toString()))
                .body("units.id", contains(unit.toString()))
                .body("warnings.id", contains(warning.toString()))
                .body("shelters.id", contains(shelter.toString()))
                .body("allocations.id", contains(allocation.toString()))
                .body("allocations[0].status", equalTo("RESERVED"))
                .body("allocations[0].lines[0].reserved", equalTo(500));

        // What it could not cover is on the allocation, and counted on the incident.
        ObjectNode shortfall = PictureEvents.example("reserve.allocation-shortfall", incident);
        PictureEvents.data(shortfall).put("incidentId", incident.toString()).put("allocationId",
                allocation.toString());
        PictureEvents.send(shortfall);
        awaitIncident(incident, "materials.short", 1);
        get("/api/picture?incidents=" + incident + "&kinds=allocation", "viewer", null).then().statusCode(200)
                .body("allocations[0].shortfall", notNullValue())
                .body("allocations[0].status", equalTo("RESERVED"))
                .body("incidents", hasSize(0));

        // Cancelled before it left, the allocation leaves the picture and is counted no more.
        ObjectNode cancelled = PictureEvents.example("reserve.released", incident);
        PictureEvents.data(cancelled).put("incidentId", incident.toString()).put("allocationId", allocation.toString())
                .put("status", "CANCELLED");
        PictureEvents.send(cancelled);
        awaitIncident(incident, "materials.short", null);
        get("/api/picture?incidents=" + incident + "&kinds=allocation", "viewer", null).then().statusCode(200)
                .body("allocations", hasSize(0));
        awaitIncident(incident, "materials.allocations.size()", 0);
    }

    @Test
    void aUnitKeepsTheStateOfItsLatestVersionWhateverTheOrderItsEventsAreReadIn() {
        UUID unit = UUID.randomUUID();
        UUID incident = UUID.randomUUID();
        // Version 2 under the incident's key, then the older version 1 under the unit's own key.
        PictureEvents.send(PictureEvents.unitStatus(unit, incident, "AVAILABLE", "DISPATCHED", 2, 24.7, 118.5));
        PictureEvents.send(PictureEvents.unitStatus(unit, null, "OUT_OF_SERVICE", "AVAILABLE", 1, 24.7, 118.5));
        UUID marker = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitStatus(marker, null, "OUT_OF_SERVICE", "AVAILABLE", 1, 24.7, 118.5));
        Eventually.until(() -> get("/api/picture?kinds=unit", "viewer", null).path("units.id")
                .toString().contains(marker.toString()), WAIT, "marker unit");
        Eventually.until(() -> get("/api/picture?kinds=unit", "viewer", null).path("units.id")
                .toString().contains(unit.toString()), WAIT, "unit");
        List<Map<String, Object>> units = get("/api/picture?kinds=unit", "viewer", null).path("units");
        Map<String, Object> shown = units.stream().filter(u -> unit.toString().equals(u.get("id"))).findFirst()
                .orElseThrow();
        assertEquals("DISPATCHED", shown.get("status"));
    }

    @Test
    void aroundAnIncidentAreTheNearestAvailableUnitsStockedWarehousesAndShelterPlaces() {
        UUID incident = UUID.randomUUID();
        PictureEvents.send(PictureEvents.located(PictureEvents.reported(incident, CIZAO, "II", "Landslide"),
                24.80, 118.50));
        UUID near = UUID.randomUUID();
        UUID far = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitStatus(near, null, "RETURNING", "AVAILABLE", 5, 24.801, 118.501));
        PictureEvents.send(PictureEvents.unitStatus(far, null, "RETURNING", "AVAILABLE", 5, 24.95, 118.70));
        PictureEvents.send(PictureEvents.unitStatus(busy, UUID.randomUUID(), "AVAILABLE", "DISPATCHED", 5,
                24.800, 118.500));
        UUID stocked = UUID.randomUUID();
        UUID empty = UUID.randomUUID();
        PictureEvents.send(PictureEvents.stockChanged(stocked, "Cizao depot", CIZAO, 24.81, 118.51, "TENT", 40));
        PictureEvents.send(PictureEvents.stockChanged(empty, "Empty depot", CIZAO, 24.80, 118.50, "TENT", 0));
        UUID free = UUID.randomUUID();
        UUID full = UUID.randomUUID();
        PictureEvents.send(PictureEvents.shelter("shelter.listed", free, null, CIZAO, 24.82, 118.52, 200, 10));
        PictureEvents.send(PictureEvents.shelter("shelter.opened", full, null, CIZAO, 24.80, 118.50, 50, 50));

        Eventually.until(() -> {
            Response around = get("/api/picture/incidents/" + incident + "/around?limit=50", "dispatcher", null);
            return around.statusCode() == 200 && around.path("shelters.id").toString().contains(free.toString())
                    && around.path("units.id").toString().contains(far.toString())
                    && around.path("warehouses.id").toString().contains(stocked.toString());
        }, WAIT, "everything around the incident");
        Response around = get("/api/picture/incidents/" + incident + "/around?limit=50", "dispatcher", null);
        List<String> units = around.path("units.id");
        assertTrue(units.indexOf(near.toString()) < units.indexOf(far.toString()), "nearest first");
        assertTrue(!units.contains(busy.toString()), "only available units");
        assertTrue(!around.path("warehouses.id").toString().contains(empty.toString()), "only warehouses with stock");
        assertTrue(!around.path("shelters.id").toString().contains(full.toString()), "only shelters with room");
        List<Float> distances = around.path("units.distanceKm");
        for (int i = 1; i < distances.size(); i++) {
            assertTrue(distances.get(i - 1) <= distances.get(i));
        }
        get("/api/picture/incidents/" + incident + "/around?limit=0", "dispatcher", null).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }

    @Test
    void anIdleUnitKnownOnlyFromTheRegistryIsAroundAnIncident() {
        UUID incident = UUID.randomUUID();
        PictureEvents.send(PictureEvents.located(PictureEvents.reported(incident, CIZAO, "III", "Idle units near"),
                31.20, 121.40));
        UUID idle = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitListed(idle, null, "AVAILABLE", 0, 1, 31.201, 121.401));

        Eventually.until(() -> {
            Response around = get("/api/picture/incidents/" + incident + "/around", "dispatcher", null);
            return around.statusCode() == 200 && around.path("units.id").toString().contains(idle.toString());
        }, WAIT, "the idle unit around the incident");
        Map<String, Object> shown = unit(idle);
        assertEquals("AVAILABLE", shown.get("status"));
        assertEquals("FS-NEIKENG", shown.get("stationCode"));
        assertEquals(List.of("FIRE", "SEARCH_RESCUE"), shown.get("capabilities"));
        assertEquals(0, shown.get("unitVersion"));
    }

    @Test
    void aUnitsStatusIsTakenFromTheNewerOfItsListingAndItsStatusChangesInEitherOrder() {
        UUID incident = UUID.randomUUID();
        // Moved since the listing was made: the older listing, read last, adds the standing data only.
        UUID moved = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitStatus(moved, incident, "AVAILABLE", "DISPATCHED", 3, 24.70, 118.50));
        PictureEvents.send(PictureEvents.unitListed(moved, null, "AVAILABLE", 2, 1, 24.60, 118.40));
        // Listed after its last move (back from the incident), read after that move: the listing stands.
        UUID back = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitStatus(back, incident, "AVAILABLE", "DISPATCHED", 3, 24.70, 118.50));
        PictureEvents.send(PictureEvents.unitListed(back, null, "AVAILABLE", 4, 1, 24.60, 118.40));
        // The same version from both: the status change stands, whichever is read first.
        UUID tieListingFirst = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitListed(tieListingFirst, null, "AVAILABLE", 5, 1, 24.60, 118.40));
        PictureEvents.send(PictureEvents.unitStatus(tieListingFirst, null, "RETURNING", "AVAILABLE", 5, 24.65,
                118.45));
        UUID tieStatusFirst = UUID.randomUUID();
        PictureEvents.send(PictureEvents.unitStatus(tieStatusFirst, null, "RETURNING", "AVAILABLE", 5, 24.65,
                118.45));
        PictureEvents.send(PictureEvents.unitListed(tieStatusFirst, null, "AVAILABLE", 5, 1, 24.60, 118.40));

        // Each ends up with what decides it taken in: the standing data from its listing, and the status of the
        // newer of its two events (a move's time only where the move is the newer).
        Eventually.until(() -> List.of(moved, tieListingFirst, tieStatusFirst).stream().map(PictureTest::unit)
                .allMatch(unit -> unit != null && unit.get("stationCode") != null && unit.get("changedAt") != null)
                && unit(back) != null && "AVAILABLE".equals(unit(back).get("status")), WAIT, "all four units");
        assertEquals("DISPATCHED", unit(moved).get("status"));
        assertEquals(3, unit(moved).get("unitVersion"));
        assertEquals(incident.toString(), unit(moved).get("incidentId"));
        assertEquals(List.of("FIRE", "SEARCH_RESCUE"), unit(moved).get("capabilities"));
        assertEquals("AVAILABLE", unit(back).get("status"));
        assertEquals(4, unit(back).get("unitVersion"));
        assertEquals(null, unit(back).get("incidentId"));
        assertEquals(null, unit(back).get("changedAt"), "the move's time is not the listed status's");
        for (UUID tie : List.of(tieListingFirst, tieStatusFirst)) {
            Map<String, Object> shown = unit(tie);
            assertEquals(5, shown.get("unitVersion"));
            assertEquals(24.65f, ((Number) ((Map<?, ?>) shown.get("position")).get("latitude")).floatValue(),
                    "position of the status change, " + tie);
            assertEquals(null, shown.get("statusListed"));
            assertEquals("FS-NEIKENG", shown.get("stationCode"));
        }
    }

    /** The unit as GET /api/picture shows it, or null. */
    private static Map<String, Object> unit(UUID unit) {
        List<Map<String, Object>> units = get("/api/picture?kinds=unit", "viewer", null).path("units");
        return units.stream().filter(u -> unit.toString().equals(u.get("id"))).findFirst().orElse(null);
    }

    @Test
    void anOfficerSeesOnlyTheirAreaOverHttpToo() {
        UUID dongshi = UUID.randomUUID();
        PictureEvents.send(PictureEvents.reported(dongshi, DONGSHI, "I", "Dongshi over HTTP"));
        Eventually.until(() -> get("/api/picture/incidents/" + dongshi, "duty-officer", DONGSHI).statusCode() == 200,
                WAIT, "the Dongshi officer sees it");
        get("/api/picture/incidents/" + dongshi, "duty-officer", CIZAO).then().statusCode(404)
                .contentType("application/problem+json");
        get("/api/picture?area=" + DONGSHI, "duty-officer", CIZAO).then().statusCode(200)
                .body("incidents.id", not(hasItem(dongshi.toString())));
        get("/api/picture/incidents/" + dongshi + "/around", "duty-officer", CIZAO).then().statusCode(404);
    }

    @Test
    void badInputIsAnsweredWithTheFieldItConcerns() {
        for (String[] bad : List.of(new String[]{"minGrade=V", "minGrade"}, new String[]{"area=35", "area"},
                new String[]{"kinds=rumour", "kinds"}, new String[]{"incidents=x", "incidents"},
                new String[]{"colour=red", "colour"})) {
            get("/api/picture?" + bad[0], "viewer", null).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(bad[1]));
        }
        get("/api/picture/incidents/not-a-uuid", "viewer", null).then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownTypesAreIgnoredAndPoisonIsDeadLetteredWhileConsumptionGoesOn() {
        UUID incident = UUID.randomUUID();
        try (TopicReader dlq = new TopicReader(RealInfrastructure.broker(), Topics.deadLetter(Topics.WARNING_EVENTS))) {
            ObjectNode future = PictureEvents.envelope("warning.translated", "/warning-broadcast", incident,
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("language", "en"));
            PictureEvents.send(Topics.WARNING_EVENTS, future);
            TopicReader.send(RealInfrastructure.broker(), Topics.WARNING_EVENTS, incident.toString(), "{not json");
            UUID warning = UUID.randomUUID();
            PictureEvents.send(PictureEvents.warningIssued(warning, incident, List.of(ANHAI)));
            Eventually.until(() -> get("/api/picture?kinds=warning", "viewer", null).path("warnings.id").toString()
                    .contains(warning.toString()), WAIT, "the warning after the poison");
            dlq.await(record -> "{not json".equals(record.value()), WAIT);
            assertTrue(dlq.drain(Duration.ofMillis(500)).stream()
                    .noneMatch(record -> record.value().contains("warning.translated")), "unknown type not poison");
        }
    }

    @Test
    void aPictureRebuiltFromTheTopicsEqualsTheLiveOne() {
        UUID incident = UUID.randomUUID();
        UUID warning = UUID.randomUUID();
        PictureEvents.send(PictureEvents.reported(incident, ANHAI, "II", "Rebuilt"));
        PictureEvents.send(PictureEvents.assigned(incident, UUID.randomUUID(), "JJ-RESCUE-1"));
        PictureEvents.send(PictureEvents.warningIssued(warning, incident, List.of(ANHAI)));
        PictureEvents.send(PictureEvents.stockChanged(UUID.randomUUID(), "Anhai depot", ANHAI, 24.7, 118.4,
                "WATER", 900));
        awaitIncident(incident, "warnings." + warning + ".level", "ORANGE");

        Map<String, PictureItem> live = new HashMap<>();
        Position at = picture.still(() -> {
            picture.items(item -> true).forEach(item -> live.put(item.key(), item));
            return picture.position();
        });
        PictureRebuild.Rebuilt rebuilt = rebuild.replayUpTo(at);
        PictureRebuild.Comparison comparison = PictureRebuild.compare(rebuilt, live);
        assertEquals(List.of(), comparison.differing());
        assertEquals(live.size(), rebuilt.items().size());
        assertTrue(live.size() > 3);
    }
}
