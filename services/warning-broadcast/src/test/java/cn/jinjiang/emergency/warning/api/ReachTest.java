package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static cn.jinjiang.emergency.shared.testing.CloudEvents.data;
import static cn.jinjiang.emergency.shared.testing.CloudEvents.type;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.coverage;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.issue;
import static cn.jinjiang.emergency.warning.api.IssuedWarnings.terminals;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans' two reach figures, kept apart: the loudspeaker network's coverage (90 % of each area's people within
 * earshot of a working terminal) and a warning's public reach over every channel (92 %), with the cause of an area's
 * shortfall. Towns no other test warns, so their terminals' history is this test's alone.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class ReachTest {

    private static final String YINGLIN = "350582110000";
    private static final String YONGHE = "350582111000";
    private static final String JINLONG = "350502007000";
    private static final String CHANGTAI = "350502008000";
    private static final String PLATFORM = TestTokens.bearer("broadcast-system");

    @Test
    void everyTerminalOfATownPlayingMeetsBothTargetsAndNoShortfallIsPublished() {
        network(YINGLIN).body("areas.find { it.areaCode == '" + YINGLIN + "' }.meetsTarget", equalTo(true))
                .body("targetPercent", equalTo(90.0f));
        try (TopicReader events = new TopicReader(RealInfrastructure.broker(), Topics.WARNING_EVENTS)) {
            String warning = issue("TYPHOON", "BLUE", YINGLIN);
            String failing = issue("TYPHOON", "BLUE", JINLONG);
            ack(warning, terminals(YINGLIN).stream().map(code -> loudspeaker(warning, code, "PLAYED")).toList())
                    .statusCode(200);
            ack(failing, terminals(JINLONG).stream().map(code -> loudspeaker(failing, code, "FAILED")).toList())
                    .statusCode(200);

            JsonPath played = coverage(warning);
            assertTrue(played.getDouble("overall.publicReachPercent") >= 92.0, played.prettify());
            assertTrue(played.getDouble("overall.networkPercent") >= 90.0);
            assertNull(played.get("overall.cause"));
            // Its own lines too: the town and each village with terminals.
            assertTrue(played.<String>getList("areas.cause").stream().allMatch(cause -> cause == null));

            // Jinlong's terminals all failed: its shortfall names it, with delivery as the cause (its network could).
            ConsumerRecord<String, String> shortfall = events.await(r -> failing.equals(r.key())
                    && "warning.coverage-shortfall".equals(type(r)), Duration.ofSeconds(20));
            JsonNode lagging = data(shortfall).get("lagging");
            JsonNode town = null;
            for (JsonNode line : lagging) {
                if (JINLONG.equals(line.path("areaCode").asText())) {
                    town = line;
                }
            }
            assertEquals("DELIVERY", town.path("cause").asText(), lagging.toString());
            assertEquals(92.0, data(shortfall).get("targetPercent").asDouble());
            List<ConsumerRecord<String, String>> later = events.drain(Duration.ofSeconds(2));
            assertFalse(later.stream().anyMatch(r -> warning.equals(r.key())
                    && "warning.coverage-shortfall".equals(type(r))), "no shortfall for the town that played");
            // And the network figure, apart from any warning, knows Jinlong's terminals do not work now.
            network(JINLONG).body("areas.find { it.areaCode == '" + JINLONG + "' }.working", equalTo(0))
                    .body("areas.find { it.areaCode == '" + JINLONG + "' }.meetsTarget", equalTo(false));
        }
    }

    @Test
    void otherChannelsReachPeopleOnceEachAndATownWithOneOfItsVillagesCountsThemOnce() {
        String warning = issue("TYPHOON", "BLUE", CHANGTAI);
        long population = coverage(warning).getLong("overall.population");
        // Cell broadcast reached 95 % of the street, SMS half of it and TV a third: the same people, counted once.
        ack(warning, List.of(channel(warning, "CELL_BROADCAST", CHANGTAI, Math.round(population * 0.95)),
                channel(warning, "SMS", CHANGTAI, population / 2), channel(warning, "TV", CHANGTAI, population / 3)))
                .statusCode(200).body("changed", equalTo(3));
        JsonPath reach = coverage(warning);
        assertEquals(Math.round(population * 0.95), reach.getLong("overall.publicReached"));
        assertEquals(0, reach.getLong("overall.reached"), "no loudspeaker played");
        assertNull(reach.get("overall.cause"));
        // A later count of a channel replaces its earlier one; an older one arriving late changes nothing.
        ack(warning, List.of(channel(warning, "CELL_BROADCAST", CHANGTAI, population / 4))).statusCode(200);
        assertEquals(population / 2, coverage(warning).getLong("overall.publicReached"));
        assertEquals("DELIVERY", coverage(warning).getString("overall.cause"));

        // Bad reports: refused naming the field, nothing recorded.
        ack(warning, List.of(channel(warning, "SMS", null, 10))).statusCode(400)
                .body("errors.field", hasItem("areaCode"));
        ack(warning, List.of(channel(warning, "SMS", YINGLIN, 10))).statusCode(400)
                .body("errors.field", hasItem("areaCode"));
        ack(warning, List.of("""
                {"warningId": "%s", "capIdentifier": "%s.1", "outcome": "PLAYED", "reportedAt": "%s"}"""
                .formatted(warning, warning, OffsetDateTime.now(ZoneOffset.UTC)))).statusCode(400)
                .body("errors.field", hasItem("terminalCode"));
        ack(warning, List.of(channel(warning, "SMS", CHANGTAI, -5))).statusCode(400)
                .body("errors.field", hasItem("acks[0].peopleReached"));

        // A warning for Yonghe and one of its villages: the village's people count once, under the town.
        String village = given().header("Authorization", PLATFORM).when().get("/api/terminals?area=" + YONGHE)
                .then().extract().jsonPath().<String>getList("areaCode").stream()
                .filter(code -> !code.equals(YONGHE)).findFirst().orElseThrow();
        String both = issue("TYPHOON", "BLUE", YONGHE, village);
        JsonPath overlap = coverage(both);
        assertEquals(overlap.getLong("areas.find { it.areaCode == '" + YONGHE + "' }.population"),
                overlap.getLong("overall.population"), "the village's people are the town's already");
        assertEquals(overlap.getInt("areas.find { it.areaCode == '" + YONGHE + "' }.terminals"),
                overlap.getInt("overall.terminals"));
    }

    private static ValidatableResponse network(String area) {
        return given().header("Authorization", TestTokens.bearer("viewer")).queryParam("areaCode", area)
                .when().get("/api/statistics/broadcast-coverage").then().statusCode(200);
    }

    private static String loudspeaker(String warning, String terminal, String outcome) {
        return """
                {"warningId": "%s", "capIdentifier": "%s.1", "terminalCode": "%s", "outcome": "%s",
                 "reportedAt": "%s"}""".formatted(warning, warning, terminal, outcome,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static String channel(String warning, String channel, String area, long people) {
        return """
                {"warningId": "%s", "capIdentifier": "%s.1", "channel": "%s", %s"outcome": "PLAYED",
                 "peopleReached": %d, "reportedAt": "%s"}""".formatted(warning, warning, channel,
                area == null ? "" : "\"areaCode\": \"" + area + "\", ", people, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static ValidatableResponse ack(String warning, List<String> acks) {
        return given().header("Authorization", PLATFORM).contentType(ContentType.JSON)
                .body("{\"acks\": [" + String.join(",", acks) + "]}").when().post("/api/broadcast/acks").then();
    }

}
