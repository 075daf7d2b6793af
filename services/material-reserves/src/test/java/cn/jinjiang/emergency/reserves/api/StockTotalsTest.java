package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Totals beyond 2^31: a warehouse may hold more units of an item than an int can count (the issue: 22 receipts of
 * 100 million masks), and one warehouse whose announcement cannot be built must not silence the others.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class StockTotalsTest {

    private static final String ITEM = "MASK-N95";
    /** The per-line maximum of a receipt, 100 lines in one request: 10^8 units per request. */
    private static final int LINE = 1_000_000;
    private static final int LINES = 100;
    private static final int RECEIPTS = 22;

    @Test
    void totalsBeyondAnIntAreExactInTheViewsAndTheEvents() throws Exception {
        String big = Reserves.warehouse("WH-QINGYANG").getString("id");
        long before = warehouseItem(big).path("onHand").asLong();
        long expected = before + (long) RECEIPTS * LINES * LINE;
        assertTrue(expected > Integer.MAX_VALUE);

        String lines = IntStream.range(0, LINES)
                .mapToObj(i -> "{\"itemCode\": \"" + ITEM + "\", \"quantity\": " + LINE + "}")
                .collect(Collectors.joining(", "));
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            for (int i = 0; i < RECEIPTS; i++) {
                move(big, "{\"items\": [" + lines + "], \"reason\": \"national stockpile\"}").statusCode(201);
            }
            ConsumerRecord<String, String> levels = topic.await(r -> isLevels(r, big)
                    && item(r).path("onHand").asLong() == expected, Duration.ofSeconds(30));
            assertEquals(expected, item(levels).path("available").asLong());
            assertEquals(0, item(levels).path("reserved").asLong());
        }

        JsonNode held = warehouseItem(big);
        assertEquals(expected, held.path("onHand").asLong());
        assertEquals(expected, held.path("free").asLong());
        JsonNode network = Reserves.JSON.readTree(Reserves.as("viewer").queryParam("item", ITEM).when()
                .get("/api/stock").then().statusCode(200).extract().asString());
        assertTrue(network.path("onHand").asLong() >= expected, "network total " + network.path("onHand"));
        assertTrue(network.path("free").asLong() >= expected, "network free " + network.path("free"));
        // An issue checks against the warehouse's whole free stock, beyond an int as well.
        Reserves.as("warehouse-keeper").contentType(ContentType.JSON)
                .body("{\"itemCode\": \"" + ITEM + "\", \"quantity\": 10, \"reason\": \"hospital\"}")
                .when().post("/api/warehouses/" + big + "/issues").then().statusCode(201);
        Reserves.as("viewer").when().get("/api/ledger/reconciliation").then().statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aWarehouseWhoseAnnouncementCannotBeBuiltIsSkippedAndTheOthersAreStillAnnounced() throws Exception {
        String bad = Reserves.warehouse("WH-MEILING").getString("id");
        String other = Reserves.warehouse("WH-LUOSHAN").getString("id");
        long otherBefore = warehouseItem(other).path("onHand").asLong();
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            // A row its announcement cannot carry (an item code outside the contract's pattern), which no API makes.
            Reserves.sql("INSERT INTO item (code, name, name_zh, category, unit, shelf_life_days, low_stock_level) "
                    + "VALUES ('bad item', 'Bad', '坏', 'PROTECTIVE', 'box', NULL, 0)");
            Reserves.sql("INSERT INTO lot (id, item_code, warehouse_id, source, received_at, expires_on, on_hand) "
                    + "VALUES (gen_random_uuid(), 'bad item', '" + bad + "'::uuid, 'PURCHASE', now(), NULL, 1)");
            Reserves.sql("INSERT INTO stock_change (warehouse_id) VALUES ('" + bad + "'::uuid)");
            try {
                move(other, "{\"items\": [{\"itemCode\": \"" + ITEM + "\", \"quantity\": 5}]}").statusCode(201);
                topic.await(r -> isLevels(r, other) && item(r).path("onHand").asLong() == otherBefore + 5,
                        Duration.ofSeconds(30));
            } finally {
                Reserves.sql("DELETE FROM stock_announced WHERE item_code = 'bad item'");
                Reserves.sql("DELETE FROM lot WHERE item_code = 'bad item'");
                Reserves.sql("DELETE FROM item WHERE code = 'bad item'");
            }
            // The skipped warehouse is announced again at its next movement.
            move(bad, "{\"items\": [{\"itemCode\": \"" + ITEM + "\", \"quantity\": 1}]}").statusCode(201);
            topic.await(r -> isLevels(r, bad), Duration.ofSeconds(30));
        }
    }

    private static boolean isLevels(ConsumerRecord<String, String> record, String warehouse) {
        return "reserve.stock-changed".equals(Reserves.type(record)) && warehouse.equals(record.key());
    }

    private static JsonNode item(ConsumerRecord<String, String> record) {
        for (JsonNode line : Reserves.data(record).get("items")) {
            if (ITEM.equals(line.path("itemCode").asText())) {
                return line;
            }
        }
        return Reserves.JSON.missingNode();
    }

    private static JsonNode warehouseItem(String warehouse) throws IOException {
        JsonNode stock = Reserves.JSON.readTree(Reserves.as("viewer").when().get("/api/warehouses/" + warehouse
                + "/stock").then().statusCode(200).extract().asString());
        for (JsonNode line : stock.path("items")) {
            if (ITEM.equals(line.path("itemCode").asText())) {
                return line;
            }
        }
        return Reserves.JSON.missingNode();
    }

    private static ValidatableResponse move(String warehouse, String body) {
        return Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body(body)
                .when().post("/api/warehouses/" + warehouse + "/receipts").then();
    }
}
