package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A unit's cycle over HTTP: every allowed move, every refused one, and the events each move leaves on the topic. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class UnitCycleTest {

    /** Far from the county's reference units, so nothing else here is ever near. */
    private static final double LAT = 41.2;
    private static final double LON = 103.4;

    private static final Map<UnitStatus, Set<UnitStatus>> ALLOWED = Map.of(
            UnitStatus.AVAILABLE, EnumSet.of(UnitStatus.OUT_OF_SERVICE),
            UnitStatus.DISPATCHED, EnumSet.of(UnitStatus.EN_ROUTE),
            UnitStatus.EN_ROUTE, EnumSet.of(UnitStatus.ON_SCENE),
            UnitStatus.ON_SCENE, EnumSet.of(UnitStatus.RETURNING),
            UnitStatus.RETURNING, EnumSet.of(UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE),
            UnitStatus.OUT_OF_SERVICE, EnumSet.of(UnitStatus.AVAILABLE));

    @Test
    void aUnitGoesRoundItsCycleAndEveryStepIsTimedAttributedAndPublished() {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            UUID incident = Dispatch.incident("FIRE", "IV", LAT, LON);
            UUID unit = Dispatch.unit("JJ-CYCLE", "FIRE_ENGINE", "FIRE", LAT + 0.01, LON);

            Dispatch.assign(incident, unit).statusCode(201);
            for (String next : List.of("EN_ROUTE", "ON_SCENE", "RETURNING", "AVAILABLE")) {
                Dispatch.status(unit, next).statusCode(200).body("status", equalTo(next));
            }

            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/units/" + unit)
                    .then().statusCode(200)
                    .body("timeline.status", equalTo(List.of("DISPATCHED", "EN_ROUTE", "ON_SCENE", "RETURNING",
                            "AVAILABLE")))
                    .body("timeline.previousStatus", equalTo(List.of("AVAILABLE", "DISPATCHED", "EN_ROUTE",
                            "ON_SCENE", "RETURNING")))
                    .body("timeline.changedBy", equalTo(List.of("test-dispatcher", "test-dispatcher",
                            "test-dispatcher", "test-dispatcher", "test-dispatcher")))
                    .body("timeline.unitVersion", equalTo(List.of(1, 2, 3, 4, 5)))
                    .body("version", equalTo(5)).body("incidentId", equalTo(null));

            List<ConsumerRecord<String, String>> changes = topic.awaitAll(record -> unit.toString()
                    .equals(Dispatch.data(record).path("unitId").asText())
                    && "unit.status-changed".equals(Dispatch.type(record)), 5, Duration.ofSeconds(20));
            List<String> statuses = new ArrayList<>();
            for (ConsumerRecord<String, String> change : changes) {
                JsonNode data = Dispatch.data(change);
                statuses.add(data.get("status").asText());
                // Every step of the cycle is about the incident, also the return home: one key, one order.
                assertEquals(incident.toString(), change.key());
                assertEquals(incident.toString(), data.get("incidentId").asText());
            }
            assertEquals(List.of("DISPATCHED", "EN_ROUTE", "ON_SCENE", "RETURNING", "AVAILABLE"), statuses);
            ConsumerRecord<String, String> leftScene = topic.await(record -> "dispatch.released"
                    .equals(Dispatch.type(record)) && unit.toString().equals(Dispatch.data(record).path("unitId")
                    .asText()), Duration.ofSeconds(20));
            assertEquals("LEFT_SCENE", Dispatch.data(leftScene).get("cause").asText());
        }
    }

    static Stream<Arguments> everyMove() {
        List<Arguments> moves = new ArrayList<>();
        for (UnitStatus from : UnitStatus.values()) {
            for (UnitStatus to : UnitStatus.values()) {
                if (from != to) {
                    moves.add(Arguments.of(from, to));
                }
            }
        }
        return moves.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyMove")
    void everyMoveIsAllowedOrRefusedAsTheCycleSays(UnitStatus from, UnitStatus to) {
        UUID unit = unitIn(from);
        var response = Dispatch.status(unit, to.name());
        if (ALLOWED.get(from).contains(to)) {
            response.statusCode(200).body("status", equalTo(to.name()));
        } else {
            response.statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("cannot go from " + from + " to " + to));
            assertEquals(from.name(), Dispatch.statusOf(unit), "a refused move changes nothing");
        }
    }

    @Test
    void reportingTheStatusAUnitAlreadyHasChangesNothing() {
        UUID unit = unitIn(UnitStatus.OUT_OF_SERVICE);
        Dispatch.status(unit, "OUT_OF_SERVICE").statusCode(200).body("version", equalTo(1));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/units/" + unit)
                .then().body("timeline", hasSize(1));
    }

    @Test
    void aUnitsTerminalReportsForItselfOnly() {
        UUID unit = Dispatch.unit("JJ-TERMINAL", "AMBULANCE", "MEDICAL", LAT, LON);
        String callSign = Dispatch.callSignOf(unit);
        UUID other = Dispatch.unit("JJ-OTHER", "AMBULANCE", "MEDICAL", LAT, LON);

        given().header("Authorization", TestTokens.rescueUnit(callSign)).contentType(ContentType.JSON)
                .body("{\"latitude\": 41.25, \"longitude\": 103.41}")
                .when().put("/api/units/" + unit + "/position")
                .then().statusCode(200).body("position.latitude", equalTo(41.25f));
        given().header("Authorization", TestTokens.rescueUnit(callSign)).contentType(ContentType.JSON)
                .body("{\"status\": \"OUT_OF_SERVICE\"}")
                .when().put("/api/units/" + other + "/status")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals("AVAILABLE", Dispatch.statusOf(other));
    }

    @Test
    void badReportsAreRefusedNamingTheField() {
        UUID unit = Dispatch.unit("JJ-BAD", "RESCUE_TEAM", "SEARCH_RESCUE", LAT, LON);
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"latitude\": 91, \"longitude\": 103.4}")
                .when().put("/api/units/" + unit + "/position")
                .then().statusCode(400).contentType("application/problem+json")
                .body(containsString("latitude"));
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"status\": \"PARKED\"}")
                .when().put("/api/units/" + unit + "/status")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("status"));
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"status\": \"EN_ROUTE\"}")
                .when().put("/api/units/" + UUID.randomUUID() + "/status")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("""
                        {"callSign": "JJ-NO-CAPS", "type": "FIRE_ENGINE", "capabilities": [],
                         "areaCode": "350582100000", "crew": 5, "latitude": 24.7, "longitude": 118.5}
                        """)
                .when().post("/api/units")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("capabilities"));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("""
                        {"callSign": "JJ-NO-STATION", "type": "FIRE_ENGINE", "capabilities": ["FIRE"],
                         "stationCode": "FS-NOWHERE", "areaCode": "350582100000", "crew": 5,
                         "latitude": 24.7, "longitude": 118.5}
                        """)
                .when().post("/api/units")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("stationCode"));
    }

    @Test
    void anAdministratorChangesAUnitsStandingDataButNotItsCallSign() {
        UUID unit = Dispatch.unit("JJ-EDIT", "RESCUE_TEAM", "SEARCH_RESCUE", LAT, LON);
        String callSign = Dispatch.callSignOf(unit);
        String body = """
                {"callSign": "%s", "type": "RESCUE_TEAM", "capabilities": ["SEARCH_RESCUE", "WATER_RESCUE"],
                 "stationCode": "TRB-ANHAI", "areaCode": "350582100000", "crew": 24, "latitude": 1, "longitude": 2}
                """;
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(body.formatted(callSign))
                .when().put("/api/units/" + unit)
                .then().statusCode(200).body("crew", equalTo(24)).body("stationCode", equalTo("TRB-ANHAI"))
                .body("capabilities", equalTo(List.of("WATER_RESCUE", "SEARCH_RESCUE")))
                // Where the unit is comes from the field, not from the registry.
                .body("position.latitude", equalTo((float) LAT));
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(body.formatted("JJ-RENAMED"))
                .when().put("/api/units/" + unit)
                .then().statusCode(400).contentType("application/problem+json").body(containsString("callSign"));
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body(body.formatted(callSign))
                .when().put("/api/units/" + unit)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?capability=WATER_RESCUE&areaCode=350582100000")
                .then().body("items.id", org.hamcrest.Matchers.hasItem(unit.toString()));
    }

    @Test
    void theRegistryIsLoadedFromTheReferenceFilesAndFilters() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?type=AMBULANCE&areaCode=350582000000&size=100")
                .then().statusCode(200).body("total", equalTo(46));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?capability=AIR&type=HELICOPTER&areaCode=350582000000")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.capabilities.flatten()", org.hamcrest.Matchers.hasItem("AIR"));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?capability=FLYING")
                .then().statusCode(400).body(containsString("capability"));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/stations")
                .then().statusCode(200).body("code", org.hamcrest.Matchers.hasItem("FS-NEIKENG"));
    }

    @Test
    void lichengHasItsOwnStationsAndUnits() {
        List<String> lichengFireStations = given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/stations").then().statusCode(200)
                .extract().path("findAll { it.areaCode.startsWith('350502') && it.kind == 'FIRE_STATION' }.nameZh");
        assertTrue(lichengFireStations.size() >= 4, lichengFireStations.toString());
        assertTrue(lichengFireStations.contains("鲤城区常泰消防救援站"), lichengFireStations.toString());
        // Each station and unit names its bureau, the first six digits of its area.
        List<Map<String, String>> stations = given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/stations").then().statusCode(200).extract().path("");
        stations.forEach(station -> assertEquals(station.get("areaCode").substring(0, 6), station.get("jurisdiction"),
                station.toString()));
        assertTrue(stations.stream().anyMatch(station -> "350502".equals(station.get("jurisdiction"))));
        assertTrue(stations.stream().anyMatch(station -> "350582".equals(station.get("jurisdiction"))));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?areaCode=350502000000&type=RESCUE_TEAM&size=100")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(48))
                .body("items.callSign", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("LC-")))
                .body("items.jurisdiction", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("350502")));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?areaCode=350582000000&size=100")
                .then().statusCode(200)
                .body("items.jurisdiction", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("350582")));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/units?areaCode=350502000000&type=AMBULANCE")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThan(0));
    }

    /** A fresh unit brought to this status by legal moves only. */
    private static UUID unitIn(UnitStatus status) {
        UUID unit = Dispatch.unit("JJ-MOVE", "RESCUE_TEAM", "SEARCH_RESCUE", LAT, LON);
        switch (status) {
            case AVAILABLE -> {
            }
            case OUT_OF_SERVICE -> Dispatch.status(unit, "OUT_OF_SERVICE").statusCode(200);
            default -> {
                Dispatch.assign(Dispatch.incident("BUILDING_COLLAPSE", "IV", LAT, LON), unit).statusCode(201);
                List<String> path = List.of("EN_ROUTE", "ON_SCENE", "RETURNING");
                for (String next : path.subList(0, path.indexOf(status.name()) + 1)) {
                    Dispatch.status(unit, next).statusCode(200);
                }
            }
        }
        return unit;
    }
}
