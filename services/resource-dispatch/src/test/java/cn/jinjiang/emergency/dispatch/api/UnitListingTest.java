package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import db.migration.R__Reference_registry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry announced on dispatch-events as unit.listed, read back from the topic: every reference unit exactly
 * once (a consumer learns the idle ones too), and a unit registered or changed over the API at once, by who did it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class UnitListingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void everyReferenceUnitIsListedExactlyOnce() {
        Set<String> registry = ReferenceCsv.load("db/reference/units.csv").rows().stream()
                .map(row -> R__Reference_registry.unitId(row[0]).toString()).collect(Collectors.toSet());
        assertEquals(169 + 66, registry.size(), "Jinjiang's units and Licheng's");

        Map<String, List<ConsumerRecord<String, String>>> listed = new HashMap<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (listed.size() < registry.size() && Instant.now().isBefore(deadline)) {
            listed = referenceListings(registry);
        }
        assertEquals(registry.size(), listed.size(), "every unit of the registry is listed");
        // Several announcement passes later, still one each: a listed unit is never announced again unchanged.
        sleep(Duration.ofSeconds(4));
        listed = referenceListings(registry);
        listed.forEach((unit, records) -> assertEquals(1, records.size(), unit + " listed once"));

        for (List<ConsumerRecord<String, String>> records : listed.values()) {
            ConsumerRecord<String, String> record = records.get(0);
            JsonNode data = Dispatch.data(record);
            assertEquals("reference-data", data.get("listedBy").asText());
            String key = data.get("incidentId").isNull() ? data.get("unitId").asText()
                    : data.get("incidentId").asText();
            assertEquals(key, record.key(), "keyed by its incident, else by the unit");
        }
        JsonNode qingyang = Dispatch.data(listed.get(R__Reference_registry.unitId("JJ-FIRE-QINGYANG-3").toString())
                .get(0));
        assertEquals("JJ-FIRE-QINGYANG-3", qingyang.get("callSign").asText());
        assertEquals("FIRE_ENGINE", qingyang.get("unitType").asText());
        assertEquals(Set.of("FIRE", "HEAVY_EQUIPMENT", "SEARCH_RESCUE"), texts(qingyang.get("capabilities")));
        assertEquals("FS-QINGYANG", qingyang.get("stationCode").asText());
        assertEquals("350582001000", qingyang.get("areaCode").asText());
        assertEquals(6, qingyang.get("crew").asInt());
        assertEquals(1, qingyang.get("listedVersion").asLong());
        assertTrue(qingyang.get("position").has("latitude") && qingyang.get("position").has("longitude"));
    }

    @Test
    void aUnitRegisteredOrChangedOverTheApiIsListedInTheSameTransaction() {
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            UUID unit = Dispatch.unit("JJ-LISTED", "RESCUE_TEAM", "SEARCH_RESCUE", 41.3, 103.5);
            ConsumerRecord<String, String> registered = topic.await(record -> listing(record, unit, 1), WAIT);
            JsonNode data = Dispatch.data(registered);
            assertEquals(unit.toString(), registered.key());
            assertEquals("AVAILABLE", data.get("status").asText());
            assertEquals(0, data.get("unitVersion").asLong(), "a unit that never moved");
            assertEquals("test-admin", data.get("listedBy").asText());

            given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body("""
                            {"callSign": "%s", "type": "RESCUE_TEAM", "capabilities": ["SEARCH_RESCUE", "MEDICAL"],
                             "areaCode": "%s", "crew": 7, "latitude": 41.3, "longitude": 103.5}
                            """.formatted(data.get("callSign").asText(), Dispatch.TEST_AREA))
                    .when().put("/api/units/" + unit).then().statusCode(200);
            JsonNode changed = Dispatch.data(topic.await(record -> listing(record, unit, 2), WAIT));
            assertEquals(7, changed.get("crew").asInt());
            assertEquals(Set.of("SEARCH_RESCUE", "MEDICAL"), texts(changed.get("capabilities")));
            List<ConsumerRecord<String, String>> all = topic.drain(Duration.ofSeconds(3));
            assertEquals(2, all.stream().filter(record -> "unit.listed".equals(Dispatch.type(record))
                    && unit.toString().equals(Dispatch.data(record).path("unitId").asText())).count(),
                    "the pass does not announce what the API already did");
            assertNotEquals("reference-data", changed.get("listedBy").asText());
        }
    }

    private static boolean listing(ConsumerRecord<String, String> record, UUID unit, long version) {
        return "unit.listed".equals(Dispatch.type(record))
                && unit.toString().equals(Dispatch.data(record).path("unitId").asText())
                && Dispatch.data(record).path("listedVersion").asLong() == version;
    }

    /** The unit.listed records of the registry's units on the topic so far, by unit. */
    private static Map<String, List<ConsumerRecord<String, String>>> referenceListings(Set<String> registry) {
        Map<String, List<ConsumerRecord<String, String>>> listed = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.fromTheBeginning(RealInfrastructure.broker(),
                    Topics.DISPATCH_EVENTS, WAIT)) {
            if ("unit.listed".equals(Dispatch.type(record))) {
                String unit = Dispatch.data(record).get("unitId").asText();
                if (registry.contains(unit)) {
                    listed.computeIfAbsent(unit, u -> new ArrayList<>()).add(record);
                }
            }
        }
        return listed;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new java.util.HashSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
