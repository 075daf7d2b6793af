package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import db.migration.R__Reference_shelters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shelters over HTTP against the real database and broker: the register and its announcement, a shelter's life for an
 * incident, every refusal, concurrent reports, the ranking by distance; each step's events read back from the topic.
 * Each test works on shelters of its own area, so the tests do not see one another's changes.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class ShelterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REGISTER = 160;
    private static final String LICHENG = "350502000000";

    @Test
    void theWholeRegisterIsLoadedAndAnnouncedOnTheTopic() {
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters?size=500")
                .then().statusCode(200).body("total", equalTo(REGISTER)).body("items", hasSize(REGISTER))
                .body("items.illustrative", everyItem(equalTo(true)));
        // Licheng's plan: 89 disaster-avoidance points and 14 earthquake shelters.
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?area=" + LICHENG + "&kind=DISASTER_AVOIDANCE_POINT&size=1")
                .then().statusCode(200).body("total", equalTo(89)).body("items", hasSize(1))
                .body("items.jurisdiction", everyItem(equalTo("350502")));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters?area=350582000000")
                .then().statusCode(200).body("items.jurisdiction", everyItem(equalTo("350582")));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?area=" + LICHENG + "&kind=EARTHQUAKE_SHELTER")
                .then().statusCode(200).body("total", equalTo(14));

        Map<String, JsonNode> listed = new HashMap<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (listed.size() < REGISTER && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : TopicReader.fromTheBeginning(RealInfrastructure.broker(),
                    Topics.RESERVE_EVENTS, WAIT)) {
                JsonNode event = read(record);
                if ("shelter.listed".equals(event.get("type").asText())) {
                    assertEquals("/material-reserves", event.get("source").asText());
                    String shelter = event.get("data").get("shelterId").asText();
                    if (event.get("data").get("incidentId").isNull()) {
                        assertEquals(shelter, record.key(), "a shelter open for no incident is keyed by its id");
                    }
                    listed.put(shelter, event.get("data"));
                }
            }
        }
        assertEquals(REGISTER, listed.size(), "every shelter of the register is announced");
        JsonNode lizhong = listed.get(R__Reference_shelters.shelterId("LC-EQ-04").toString());
        assertEquals("LC-EQ-04", lizhong.get("code").asText());
        assertEquals("EARTHQUAKE_SHELTER", lizhong.get("kind").asText());
        assertEquals("350502003000", lizhong.get("areaCode").asText());
        assertEquals("reference-data", lizhong.get("by").asText());
        assertTrue(lizhong.get("capacity").asInt() > 0);
        assertTrue(lizhong.get("position").has("latitude") && lizhong.get("position").has("longitude"));
    }

    @Test
    void aShelterTheRegisterChangesIsAnnouncedAgainAndNoOtherIs() throws Exception {
        String code = "JJ-DAP-001";
        UUID id = R__Reference_shelters.shelterId(code);
        long before = given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                .then().statusCode(200).extract().<Number>path("version").longValue();
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS);
             Connection db = database()) {
            // The row drifts from the file (as if the file had changed), then the file is applied again.
            try (PreparedStatement drift = db.prepareStatement("UPDATE shelter SET name = 'Renamed' WHERE code = ?")) {
                drift.setString(1, code);
                assertEquals(1, drift.executeUpdate());
            }
            R__Reference_shelters.load(db);

            ConsumerRecord<String, String> record = topic.await(r -> "shelter.listed".equals(type(r))
                    && id.toString().equals(data(r).path("shelterId").asText()), WAIT);
            assertEquals(id.toString(), record.key());
            assertTrue(data(record).get("name").asText().endsWith("disaster-avoidance point"),
                    "announced as the register has it");
            assertEquals(before + 1, data(record).get("version").asLong());
            List<ConsumerRecord<String, String>> all = topic.drain(Duration.ofSeconds(7));
            assertEquals(1, all.stream().filter(r -> "shelter.listed".equals(type(r))).count(),
                    "an unchanged shelter is not announced again");
        }
    }

    @Test
    void aReloadNeverLeavesMorePeopleInsideThanPlacesAndAnOpenShelterIsListedUnderItsIncident() throws Exception {
        String area = "350582003000";
        Map<String, Object> shelter = shelterIn(area, "EARTHQUAKE_SHELTER");
        UUID id = UUID.fromString((String) shelter.get("id"));
        int capacity = (Integer) shelter.get("capacity");
        UUID incident = incident("EARTHQUAKE");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS);
             Connection db = database()) {
            // The row holds more places than the file gives (as if the file had lowered them) and fills them.
            try (PreparedStatement drift = db.prepareStatement("UPDATE shelter SET capacity = capacity + 40 "
                    + "WHERE id = ?")) {
                drift.setObject(1, id);
                assertEquals(1, drift.executeUpdate());
            }
            open(id, incident).statusCode(200);
            report(TestTokens.bearer("commander"), id, "{\"arrived\": " + (capacity + 25) + "}").statusCode(200);

            R__Reference_shelters.load(db);

            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                    .then().statusCode(200).body("capacity", equalTo(capacity + 25)).body("free", equalTo(0))
                    .body("status", equalTo("OPEN"));
            ConsumerRecord<String, String> listed = topic.await(r -> "shelter.listed".equals(type(r))
                    && id.toString().equals(data(r).path("shelterId").asText()), WAIT);
            assertEquals(incident.toString(), listed.key(), "an open shelter's events travel under its incident");
            assertEquals(incident.toString(), data(listed).get("incidentId").asText());
            assertEquals(capacity + 25, data(listed).get("occupancy").asInt());
            assertEquals(capacity + 25, data(listed).get("capacity").asInt());

            // Once they have gone, the file's capacity applies again at the next reload.
            report(TestTokens.bearer("commander"), id, "{\"left\": " + (capacity + 25) + "}").statusCode(200);
            R__Reference_shelters.load(db);
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                    .then().statusCode(200).body("capacity", equalTo(capacity));
            topic.await(r -> "shelter.listed".equals(type(r)) && id.toString().equals(data(r).path("shelterId")
                    .asText()) && data(r).get("capacity").asInt() == capacity, WAIT);
        }
    }

    @Test
    void aShelterIsOpenedFilledEmptiedAndClosedAndEveryStepIsPublished() {
        String area = "350502003000";
        Map<String, Object> shelter = shelterIn(area, "DISASTER_AVOIDANCE_POINT");
        UUID id = UUID.fromString((String) shelter.get("id"));
        String officer = TestTokens.bearer("duty-officer", area);
        UUID incident = incident("EARTHQUAKE");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            open(id, incident).statusCode(200).body("status", equalTo("OPEN"))
                    .body("incidentId", equalTo(incident.toString())).body("occupancy", equalTo(0))
                    .body("openedBy", equalTo("test-commander"));
            report(officer, id, "{\"arrived\": 30, \"note\": \"First bus from the old town\"}").statusCode(200)
                    .body("occupancy", equalTo(30)).body("free", equalTo((Integer) shelter.get("capacity") - 30));
            report(officer, id, "{\"left\": 10}").statusCode(200).body("occupancy", equalTo(20));
            report(TestTokens.bearer("dispatcher"), id, "{\"arrived\": 5, \"left\": 5}").statusCode(200)
                    .body("occupancy", equalTo(20));
            close(id).statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("20 people inside"));
            report(officer, id, "{\"left\": 20}").statusCode(200).body("occupancy", equalTo(0));
            close(id).statusCode(200).body("status", equalTo("CLOSED")).body("incidentId", nullValue());

            given().header("Authorization", officer).when().get("/api/shelters/" + id)
                    .then().statusCode(200)
                    .body("history.kind", equalTo(List.of("OPENED", "REPORTED", "REPORTED", "REPORTED", "REPORTED",
                            "CLOSED")))
                    .body("history.arrived", equalTo(List.of(0, 30, 0, 5, 0, 0)))
                    .body("history.left", equalTo(List.of(0, 0, 10, 5, 20, 0)))
                    .body("history.occupancy", equalTo(List.of(0, 30, 20, 20, 0, 0)))
                    .body("history.changedBy", equalTo(List.of("test-commander", "test-duty-officer",
                            "test-duty-officer", "test-dispatcher", "test-duty-officer", "test-commander")))
                    .body("history[1].note", equalTo("First bus from the old town"))
                    .body("history.incidentId", everyItem(equalTo(incident.toString())));

            List<ConsumerRecord<String, String>> events = topic.awaitAll(r -> id.toString()
                    .equals(data(r).path("shelterId").asText()), 6, WAIT);
            assertEquals(List.of("shelter.opened", "shelter.occupancy-changed", "shelter.occupancy-changed",
                    "shelter.occupancy-changed", "shelter.occupancy-changed", "shelter.closed"),
                    events.stream().map(ShelterTest::type).toList());
            long version = 0;
            for (ConsumerRecord<String, String> record : events) {
                assertEquals(incident.toString(), record.key(), "one incident's shelter events travel under its key");
                JsonNode data = data(record);
                assertEquals(incident.toString(), data.get("incidentId").asText());
                assertTrue(data.get("version").asLong() > version, "versions rise");
                version = data.get("version").asLong();
                assertEquals("/material-reserves", read(record).get("source").asText());
            }
            assertEquals(30, data(events.get(1)).get("arrived").asInt());
            assertEquals(0, data(events.get(1)).get("left").asInt());
            assertEquals(30, data(events.get(1)).get("occupancy").asInt());
            assertEquals(10, data(events.get(2)).get("left").asInt());
            assertEquals("test-duty-officer", data(events.get(2)).get("by").asText());
            assertEquals("CLOSED", data(events.get(5)).get("status").asText());
            assertEquals(0, data(events.get(5)).get("occupancy").asInt());
            assertTrue(data(events.get(0)).get("arrived").isNull());
        }
    }

    @Test
    void badAndImpossibleRequestsAreRefusedAndChangeNothing() {
        String area = "350502001000";
        Map<String, Object> shelter = shelterIn(area, "DISASTER_AVOIDANCE_POINT");
        UUID id = UUID.fromString((String) shelter.get("id"));
        int capacity = (Integer) shelter.get("capacity");
        String officer = TestTokens.bearer("duty-officer", area);
        String elsewhere = TestTokens.bearer("duty-officer", "350582100000");
        UUID incident = incident("TYPHOON");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            report(officer, id, "{\"arrived\": 1}").statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("closed"));
            close(id).statusCode(409).contentType("application/problem+json");
            open(id, UUID.randomUUID()).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("incidentId"));
            given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                    .body("{}").when().post("/api/shelters/" + id + "/open")
                    .then().statusCode(400).contentType("application/problem+json").body(containsString("incidentId"));
            open(UUID.randomUUID(), incident).statusCode(404).contentType("application/problem+json");

            open(id, incident).statusCode(200);
            open(id, incident).statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("already open"));
            report(officer, id, "{\"arrived\": 7}").statusCode(200).body("occupancy", equalTo(7));

            report(officer, id, "{\"arrived\": " + (capacity - 6) + "}").statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("over capacity"));
            report(officer, id, "{\"left\": 8}").statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("7 people inside"));
            report(officer, id, "{\"arrived\": 0, \"left\": 0}").statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("arrived"));
            report(officer, id, "{}").statusCode(400).body("errors[0].field", equalTo("arrived"));
            report(officer, id, "{\"arrived\": -1}").statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("arrived"));
            report(officer, id, "{\"left\": 100001}").statusCode(400).body("errors[0].field", equalTo("left"));
            report(officer, id, "{\"arrived\": \"5\"}").statusCode(400).body(containsString("arrived"));
            report(officer, id, "{\"arrived\": 2.5}").statusCode(400).body(containsString("arrived"));
            report(officer, id, "{\"arrived\": 1, \"guests\": 2}").statusCode(400).body(containsString("guests"));
            report(officer, UUID.randomUUID(), "{\"arrived\": 1}").statusCode(404)
                    .contentType("application/problem+json");
            // Another area's duty officer may not report here, nor see the shelter.
            report(elsewhere, id, "{\"arrived\": 1}").statusCode(403).contentType("application/problem+json");
            given().header("Authorization", elsewhere).when().get("/api/shelters/" + id)
                    .then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", elsewhere).when().get("/api/shelters?area=" + area)
                    .then().statusCode(200).body("total", equalTo(0));
            given().header("Authorization", elsewhere).when().get("/api/shelters?size=500")
                    .then().statusCode(200).body("items.areaCode", everyItem(startsWith("350582100")));
            given().header("Authorization", TestTokens.bearer("warehouse-keeper")).contentType(ContentType.JSON)
                    .body("{\"arrived\": 1}").when().post("/api/shelters/" + id + "/occupancy")
                    .then().statusCode(403).contentType("application/problem+json");

            for (String query : List.of("near=abc", "near=24.9", "near=95,118.5", "near=24.9,118.5,3", "kind=TENT",
                    "status=FULL", "area=3505", "size=0", "size=501", "page=-1", "page=x")) {
                String field = query.substring(0, query.indexOf('='));
                given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters?" + query)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("errors[0].field", equalTo(field));
            }

            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                    .then().statusCode(200).body("occupancy", equalTo(7))
                    .body("history.kind", equalTo(List.of("OPENED", "REPORTED")));
            List<ConsumerRecord<String, String>> published = topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> id.toString().equals(data(r).path("shelterId").asText())).toList();
            assertEquals(List.of("shelter.opened", "shelter.occupancy-changed"),
                    published.stream().map(ShelterTest::type).toList(), "refused requests publish nothing");
        }
    }

    @Test
    void aShelterIsOpenedForOpenIncidentsOnly() {
        UUID closed = UUID.randomUUID();
        TopicReader.sendAll(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, closed.toString(), List.of(
                SampleEvents.incidentReported(UUID.randomUUID(), closed, "Flooded underpass"),
                SampleEvents.about("incident.closed", closed)));
        UUID id = UUID.fromString((String) shelterIn("350502007000", "DISASTER_AVOIDANCE_POINT").get("id"));
        Eventually.until(() -> open(id, closed).extract().statusCode() != 400, WAIT, "incident known");
        open(id, closed).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("open incidents only"));
        given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                .then().body("status", equalTo("CLOSED"));
    }

    @Test
    void fiftyConcurrentArrivalsFillTheLastPlacesExactly() throws Exception {
        String area = "350502004000";
        Map<String, Object> shelter = shelterIn(area, "DISASTER_AVOIDANCE_POINT");
        UUID id = UUID.fromString((String) shelter.get("id"));
        int capacity = (Integer) shelter.get("capacity");
        int room = 20;
        int racers = 50;
        UUID incident = incident("EARTHQUAKE");
        open(id, incident).statusCode(200);
        report(TestTokens.bearer("dispatcher"), id, "{\"arrived\": " + (capacity - room) + "}").statusCode(200);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            List<Future<ValidatableResponse>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String officer = TestTokens.bearer("duty-officer", area);
                Callable<ValidatableResponse> arrival = () -> {
                    start.await();
                    return report(officer, id, "{\"arrived\": 1}");
                };
                answers.add(pool.submit(arrival));
            }
            start.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<ValidatableResponse> answer : answers) {
                ValidatableResponse response = answer.get();
                int status = response.extract().statusCode();
                if (status == 200) {
                    accepted++;
                } else {
                    response.statusCode(409).contentType("application/problem+json");
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(room, accepted, "exactly the free places are taken");
            assertEquals(racers - room, refused, "every other arrival is refused");

            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                    .then().statusCode(200).body("occupancy", equalTo(capacity)).body("free", equalTo(0))
                    .body("history", hasSize(2 + room));
            topic.awaitAll(r -> "shelter.occupancy-changed".equals(type(r))
                    && id.toString().equals(data(r).path("shelterId").asText()), room, WAIT);
            List<ConsumerRecord<String, String>> changes = topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> "shelter.occupancy-changed".equals(type(r))
                            && id.toString().equals(data(r).path("shelterId").asText())).toList();
            assertEquals(room, changes.size(), "one event per accepted report, no more");
            Set<Integer> counts = new HashSet<>();
            changes.forEach(r -> counts.add(data(r).get("occupancy").asInt()));
            assertEquals(room, counts.size(), "each accepted report saw the count the one before left");
            assertTrue(changes.stream().allMatch(r -> data(r).get("occupancy").asInt() <= capacity));
        }
    }

    @Test
    void nearRanksTheSheltersThatCanTakePeopleByDistance() {
        String area = "350502006000";
        List<Map<String, Object>> jiangnan = given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?area=" + area + "&size=500").then().statusCode(200)
                .body("items.distanceKm", everyItem(nullValue())).extract().path("items");
        Map<String, Object> full = jiangnan.get(0);
        UUID fullId = UUID.fromString((String) full.get("id"));
        Map<String, Object> roomy = jiangnan.get(1);
        UUID roomyId = UUID.fromString((String) roomy.get("id"));
        UUID incident = incident("RAINSTORM_FLOOD");
        open(fullId, incident).statusCode(200);
        report(TestTokens.bearer("dispatcher"), fullId, "{\"arrived\": " + full.get("capacity") + "}")
                .statusCode(200).body("free", equalTo(0));
        open(roomyId, incident).statusCode(200);
        report(TestTokens.bearer("dispatcher"), roomyId, "{\"arrived\": 1}").statusCode(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> position = (Map<String, Object>) full.get("position");
        String near = position.get("latitude") + "," + position.get("longitude");
        List<Map<String, Object>> ranked = given().header("Authorization", TestTokens.bearer("commander"))
                .when().get("/api/shelters?near=" + near + "&size=500").then().statusCode(200)
                .body("items.distanceKm", everyItem(notNullValue())).extract().path("items");
        List<String> ids = ranked.stream().map(item -> (String) item.get("id")).toList();
        assertTrue(!ids.contains(fullId.toString()), "a full shelter is not offered");
        assertTrue(ids.contains(roomyId.toString()), "an open shelter with room is");
        double previous = -1;
        for (Map<String, Object> item : ranked) {
            double distance = ((Number) item.get("distanceKm")).doubleValue();
            assertTrue(distance >= previous, "nearest first");
            previous = distance;
            assertTrue((Integer) item.get("free") > 0);
        }
        assertEquals(REGISTER - fullShelters(), ranked.size(), "every shelter that can take people is ranked");

        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?near=" + near + "&size=3&page=1&kind=DISASTER_AVOIDANCE_POINT")
                .then().statusCode(200).body("items", hasSize(3)).body("page", equalTo(1)).body("size", equalTo(3))
                .body("items.kind", everyItem(equalTo("DISASTER_AVOIDANCE_POINT")));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?status=OPEN&area=" + area).then().statusCode(200)
                .body("total", equalTo(2)).body("items.status", everyItem(equalTo("OPEN")));
    }

    @Test
    void aRetriedReportWithItsIdempotencyKeyCountsOnce() {
        String area = "350502005000";
        UUID id = UUID.fromString((String) shelterIn(area, "DISASTER_AVOIDANCE_POINT").get("id"));
        UUID incident = incident("TYPHOON");
        String key = UUID.randomUUID().toString();
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            given().header("Authorization", TestTokens.bearer("commander"))
                    .header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"incidentId\": \"" + incident + "\"}").when().post("/api/shelters/" + id + "/open")
                    .then().statusCode(200);
            for (int attempt = 0; attempt < 2; attempt++) {
                given().header("Authorization", TestTokens.bearer("duty-officer", area))
                        .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"arrived\": 12}")
                        .when().post("/api/shelters/" + id + "/occupancy")
                        .then().statusCode(200).body("occupancy", equalTo(12));
            }
            given().header("Authorization", TestTokens.bearer("duty-officer", area))
                    .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"arrived\": 13}")
                    .when().post("/api/shelters/" + id + "/occupancy")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body(containsString("Idempotency-Key"));
            given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters/" + id)
                    .then().body("occupancy", equalTo(12)).body("history", hasSize(2));
            topic.awaitAll(r -> id.toString().equals(data(r).path("shelterId").asText()), 2, WAIT);
            assertEquals(1, topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> "shelter.occupancy-changed".equals(type(r))
                            && id.toString().equals(data(r).path("shelterId").asText())).count());
        }
    }

    /** Shelters the near test filled; only it fills one to the last place. */
    private static int fullShelters() {
        return given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/shelters?size=500")
                .then().extract().<List<Integer>>path("items.free").stream().mapToInt(free -> free == 0 ? 1 : 0)
                .sum();
    }

    /** The first shelter of a kind in an area (by code), as the API lists it. */
    private static Map<String, Object> shelterIn(String area, String kind) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/shelters?area=" + area + "&kind=" + kind + "&size=1")
                .then().statusCode(200).extract().path("items[0]");
    }

    /** An incident as intake reports it, known here once this returns. */
    private static UUID incident(String type) {
        UUID id = UUID.randomUUID();
        try {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(SampleEvents.incidentReported(UUID.randomUUID(), id, "Shelter test " + type));
            ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("data")).put("type", type);
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, id.toString(),
                    JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + id + "/allocations").statusCode() == 200, WAIT, "incident " + id);
        return id;
    }

    private static ValidatableResponse open(UUID shelter, UUID incident) {
        return given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                .body("{\"incidentId\": \"" + incident + "\", \"note\": \"Opened by the command centre\"}")
                .when().post("/api/shelters/" + shelter + "/open").then();
    }

    private static ValidatableResponse close(UUID shelter) {
        return given().header("Authorization", TestTokens.bearer("commander")).contentType(ContentType.JSON)
                .body("{\"note\": \"Everyone home\"}").when().post("/api/shelters/" + shelter + "/close").then();
    }

    private static ValidatableResponse report(String bearer, UUID shelter, String body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post("/api/shelters/" + shelter + "/occupancy").then();
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url",
                String.class), "emergency", "emergency");
    }

    private static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        return read(record).get("data");
    }

    private static String type(ConsumerRecord<String, String> record) {
        return read(record).get("type").asText();
    }
}
