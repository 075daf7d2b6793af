package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.SampleEvents;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;

/** What the reserves' tests do over and over, through the real interfaces. */
final class Reserves {

    static final String DATABASE = "material_reserves_test";
    static final ObjectMapper JSON = new ObjectMapper();

    private Reserves() {
    }

    /** An open incident as intake reports it, known to the reserves once this returns. */
    static UUID incident(double latitude, double longitude, OffsetDateTime occurredAt) {
        return incident(latitude, longitude, occurredAt, null);
    }

    /** The same in another area than the sample's (Anhai), e.g. a Licheng street. */
    static UUID incident(double latitude, double longitude, OffsetDateTime occurredAt, String areaCode) {
        UUID id = UUID.randomUUID();
        send(id, "incident.reported", data -> {
            if (areaCode != null) {
                data.put("areaCode", areaCode);
            }
            ((ObjectNode) data.get("location")).put("latitude", latitude).put("longitude", longitude);
            data.put("occurredAt", occurredAt.toString());
            data.put("reportedAt", occurredAt.plusMinutes(5).toString());
        });
        Eventually.until(() -> as("dispatcher").when().get("/api/incidents/" + id + "/allocations")
                .statusCode() == 200, Duration.ofSeconds(20), "incident " + id + " known to the reserves");
        return id;
    }

    static UUID incident(double latitude, double longitude) {
        return incident(latitude, longitude, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
    }

    static void send(UUID incident, String type, Consumer<ObjectNode> edit) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.about(type, incident));
            edit.accept((ObjectNode) event.get("data"));
            TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                    JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static io.restassured.specification.RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    static ValidatableResponse allocate(UUID incident, double latitude, double longitude, Map<String, Integer> items) {
        return allocate(incident, latitude, longitude, items, null);
    }

    /** With an Idempotency-Key, or none when {@code key} is null. */
    static ValidatableResponse allocate(UUID incident, double latitude, double longitude, Map<String, Integer> items,
            String key) {
        StringBuilder lines = new StringBuilder();
        items.forEach((code, quantity) -> lines.append(lines.isEmpty() ? "" : ", ")
                .append("{\"itemCode\": \"").append(code).append("\", \"quantity\": ").append(quantity).append('}'));
        var request = as("dispatcher");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.contentType(ContentType.JSON).body("""
                        {"lines": [%s], "deliveryPoint": {"latitude": %s, "longitude": %s}, "note": "test"}
                        """.formatted(lines, latitude, longitude))
                .when().post("/api/incidents/" + incident + "/allocations").then();
    }

    /** A warehouse from the reference register, by code. */
    /** A metric's value from the Prometheus endpoint, 0 if not there yet. */
    static double metric(String name) {
        String all = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return all.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    static JsonPath warehouse(String code) {
        List<Map<String, Object>> all = as("viewer").when().get("/api/warehouses").then().statusCode(200)
                .extract().path("findAll { it.code == '" + code + "' }");
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no warehouse " + code);
        }
        return new JsonPath(toJson(all.get(0)));
    }

    static JsonPath stock(String warehouseId) {
        return as("viewer").when().get("/api/warehouses/" + warehouseId + "/stock").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Free stock of an item across the network. */
    /**
     * The free stock of an item in Jinjiang's warehouses: what an allocation to one of the tests' incidents (all in
     * Anhai) may take; Licheng's stock is Licheng's.
     */
    static int networkFree(String item) {
        List<Number> free = as("viewer").queryParam("item", item).when().get("/api/stock").then().statusCode(200)
                .extract().path("warehouses.findAll { it.areaCode.startsWith('350582') }.free");
        return free.stream().mapToInt(Number::intValue).sum();
    }

    static int free(String warehouseId, String item) {
        Integer free = stock(warehouseId).get("items.find { it.itemCode == '" + item + "' }.free");
        return free == null ? 0 : free;
    }

    static long ledgerRows() {
        return sql("SELECT count(*) FROM ledger_entry", statement -> { });
    }

    /** Whether the reserves' projection has taken the incident's final report in (no API shows it). */
    static boolean isClosed(UUID incident) {
        return sql("SELECT count(*) FROM incident WHERE status = 'CLOSED' AND id = '" + incident + "'::uuid",
                statement -> { }) == 1;
    }

    /** Time passing, which no API can do: a lot's expiry moved into the past. */
    static void expire(String lotId) {
        sql("UPDATE lot SET expires_on = current_date - 1 WHERE id = '" + lotId + "'::uuid", statement -> { });
    }

    /** Straight into the database, for a state no API can make (a row the code must survive). */
    static long sql(String sql) {
        return sql(sql, statement -> { });
    }

    private static long sql(String sql, Consumer<PreparedStatement> bind) {
        try (Connection connection = DriverManager.getConnection(PostgresDatabase.testJdbcUrl(DATABASE), PostgresDatabase.USER,
                PostgresDatabase.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind.accept(statement);
            if (statement.execute()) {
                var rows = statement.getResultSet();
                rows.next();
                return rows.getLong(1);
            }
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode data(ConsumerRecord<String, String> record) {
        return tree(record).get("data");
    }

    static String type(ConsumerRecord<String, String> record) {
        return tree(record).path("type").asText();
    }

    private static JsonNode tree(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
