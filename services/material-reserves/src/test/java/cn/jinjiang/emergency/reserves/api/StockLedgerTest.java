package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class StockLedgerTest {

    /** Expiry days are the bureaus' (emergency.zone): near midnight there, UTC's date is another day. */
    private static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");

    private static final List<String> ITEMS = List.of("RAINCOAT", "LIFE-JACKET", "MEDICAL-KIT", "FOLDING-BED");

    @Test
    void theReferenceStockIsLoadedAsReceiptsAndReconciles() {
        Reserves.as("warehouse-keeper").when().get("/api/items").then().statusCode(200)
                .body("code", hasItem("SANDBAG")).body("find { it.code == 'WATER-550' }.shelfLifeDays", equalTo(365));
        Reserves.as("viewer").queryParam("level", "CITY").when().get("/api/warehouses").then().statusCode(200)
                .body("code", equalTo(List.of("WH-CITY-JJ", "WH-DISTRICT-LC")))
                .body("jurisdiction", equalTo(List.of("350582", "350502")));
        JsonPath city = Reserves.warehouse("WH-CITY-JJ");
        Reserves.as("warehouse-keeper").when().get("/api/warehouses/" + city.getString("id")).then().statusCode(200)
                .body("code", equalTo("WH-CITY-JJ")).body("level", equalTo("CITY"));
        List<String> kinds = Reserves.as("viewer").when().get("/api/warehouses/" + city.getString("id") + "/ledger")
                .then().statusCode(200).extract().path("kind");
        assertTrue(kinds.contains("RECEIPT"));
        Reserves.as("viewer").when().get("/api/ledger/reconciliation").then().statusCode(200)
                .body("balanced", equalTo(true));
        // A query parameter is named as the request names it.
        Reserves.as("viewer").queryParam("area", "3505").when().get("/api/warehouses").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("area")));
        Reserves.as("viewer").queryParam("size", 0).when().get("/api/warehouses/" + city.getString("id") + "/ledger")
                .then().statusCode(400).body("errors.field", equalTo(List.of("size")));
    }

    @Test
    void aRandomMixOfMovementsKeepsStockAndLedgerReconciled() {
        String from = Reserves.warehouse("WH-XIBIN").getString("id");
        String to = Reserves.warehouse("WH-YONGHE").getString("id");
        Map<String, Integer> expectedFrom = onHand(from);
        Map<String, Integer> expectedTo = onHand(to);
        Random random = new Random(20261129);
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            String item = ITEMS.get(random.nextInt(ITEMS.size()));
            int quantity = 1 + random.nextInt(40);
            switch (random.nextInt(5)) {
                case 0 -> {
                    move(from, "receipts", "{\"items\": [{\"itemCode\": \"" + item + "\", \"quantity\": " + quantity
                            + "}], \"reason\": \"purchase\"}").statusCode(201);
                    expectedFrom.merge(item, quantity, Integer::sum);
                }
                case 1 -> {
                    int status = move(from, "issues", "{\"itemCode\": \"" + item + "\", \"quantity\": " + quantity
                            + ", \"reason\": \"local use\"}").extract().statusCode();
                    if (status == 201) {
                        expectedFrom.merge(item, -quantity, Integer::sum);
                    } else {
                        assertEquals(409, status);
                        refused++;
                    }
                }
                case 2, 3 -> {
                    String lot = someLot(from, item);
                    if (lot == null) {
                        continue;
                    }
                    boolean writeOff = random.nextBoolean();
                    int delta = writeOff ? -quantity : (random.nextBoolean() ? quantity : -quantity);
                    String body = writeOff
                            ? "{\"lotId\": \"" + lot + "\", \"quantity\": " + quantity + ", \"reason\": \"damaged\"}"
                            : "{\"lotId\": \"" + lot + "\", \"quantity\": " + delta + ", \"reason\": \"count\"}";
                    int status = move(from, writeOff ? "write-offs" : "adjustments", body).extract().statusCode();
                    if (status == 201) {
                        expectedFrom.merge(item, delta, Integer::sum);
                    } else {
                        assertEquals(409, status);
                        refused++;
                    }
                }
                default -> {
                    int status = move(from, "transfers", "{\"toWarehouseId\": \"" + to + "\", \"itemCode\": \"" + item
                            + "\", \"quantity\": " + quantity + ", \"reason\": \"rebalance\"}").extract().statusCode();
                    if (status == 201) {
                        expectedFrom.merge(item, -quantity, Integer::sum);
                        expectedTo.merge(item, quantity, Integer::sum);
                    } else {
                        assertEquals(409, status);
                        refused++;
                    }
                }
            }
        }
        assertEquals(expectedFrom, onHand(from));
        assertEquals(expectedTo, onHand(to));
        Reserves.as("viewer").when().get("/api/ledger/reconciliation").then().statusCode(200)
                .body("balanced", equalTo(true)).body("mismatches.size()", equalTo(0));
        assertTrue(refused < 60);
    }

    @Test
    void refusedMovementsLeaveTheLedgerUntouched() {
        String id = Reserves.warehouse("WH-CIZAO").getString("id");
        int free = Reserves.free(id, "GENERATOR");
        long rows = Reserves.ledgerRows();

        move(id, "issues", "{\"itemCode\": \"GENERATOR\", \"quantity\": " + (free + 1) + ", \"reason\": \"x\"}")
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("free"));
        move(id, "receipts", "{\"items\": [{\"itemCode\": \"WATER-550\", \"quantity\": 10, \"expiresOn\": \""
                + LocalDate.now(BUREAU_ZONE) + "\"}]}").statusCode(400).body("errors.field",
                hasItem("items[0].expiresOn"));
        move(id, "receipts", "{\"items\": [{\"itemCode\": \"WATER-550\", \"quantity\": 0}]}").statusCode(400)
                .body("errors.field", hasItem("items[0].quantity"));
        move(id, "receipts", "{\"items\": [{\"itemCode\": \"WATER-550\", \"quantity\": 5}, "
                + "{\"itemCode\": \"CAVIAR\", \"quantity\": 5}]}").statusCode(400)
                .body("errors.field", hasItem("items[1].itemCode"));
        move(id, "issues", "{\"itemCode\": \"GENERATOR\", \"quantity\": -3, \"reason\": \"x\"}").statusCode(400)
                .body("errors.field", hasItem("quantity"));
        move(id, "issues", "{\"itemCode\": \"GENERATOR\", \"quantity\": 1}").statusCode(400)
                .body("errors.field", hasItem("reason"));
        move(id, "transfers", "{\"toWarehouseId\": \"" + id + "\", \"itemCode\": \"GENERATOR\", \"quantity\": 1, "
                + "\"reason\": \"x\"}").statusCode(400).body("errors.field", hasItem("toWarehouseId"));
        move(java.util.UUID.randomUUID().toString(), "issues",
                "{\"itemCode\": \"GENERATOR\", \"quantity\": 1, \"reason\": \"x\"}").statusCode(404);

        assertEquals(rows, Reserves.ledgerRows(), "nothing written by a refused movement");
        assertEquals(free, Reserves.free(id, "GENERATOR"));
    }

    @Test
    void changesAreAnnouncedAndAFallBelowTheLowLevelIsToldOnce() throws Exception {
        JsonPath town = Reserves.warehouse("WH-ZIMAO");
        String id = town.getString("id");
        int free = Reserves.free(id, "PUMP-SUB");
        assertTrue(free > 4, "PUMP-SUB's low-stock level is 4: " + free);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            move(id, "issues", "{\"itemCode\": \"PUMP-SUB\", \"quantity\": " + (free - 3)
                    + ", \"reason\": \"lent to the water company\"}").statusCode(201);
            ConsumerRecord<String, String> levels = topic.await(r -> "reserve.stock-changed".equals(Reserves.type(r))
                    && id.equals(r.key()) && hasAvailable(r, "PUMP-SUB", 3), Duration.ofSeconds(20));
            assertEquals("WH-ZIMAO", Reserves.data(levels).get("warehouseCode").asText());
            ConsumerRecord<String, String> low = topic.await(r -> "reserve.stock-low".equals(Reserves.type(r))
                    && id.equals(r.key()), Duration.ofSeconds(20));
            assertEquals("PUMP-SUB", Reserves.data(low).get("itemCode").asText());
            assertEquals(3, Reserves.data(low).get("available").asInt());

            move(id, "issues", "{\"itemCode\": \"PUMP-SUB\", \"quantity\": 1, \"reason\": \"again\"}")
                    .statusCode(201);
            topic.await(r -> "reserve.stock-changed".equals(Reserves.type(r)) && id.equals(r.key())
                    && hasAvailable(r, "PUMP-SUB", 2), Duration.ofSeconds(20));
            assertEquals(1, topic.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> "reserve.stock-low".equals(Reserves.type(r)) && id.equals(r.key())).count(),
                    "still below the level: not told again");
        }
    }

    @Test
    void lotsInsideTheRotationWindowAreListedAndAnnouncedOnce() throws Exception {
        String id = Reserves.warehouse("WH-DONGSHI").getString("id");
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            String lot = move(id, "receipts", "{\"items\": [{\"itemCode\": \"INSTANT-NOODLES\", \"quantity\": 40, "
                    + "\"expiresOn\": \"" + LocalDate.now(BUREAU_ZONE).plusDays(9) + "\"}]}")
                    .statusCode(201).extract().path("entries[0].lotId");
            Reserves.as("viewer").queryParam("item", "INSTANT-NOODLES").when().get("/api/rotation").then()
                    .statusCode(200).body("find { it.lotId == '" + lot + "' }.daysLeft", equalTo(9))
                    .body("find { it.lotId == '" + lot + "' }.expired", equalTo(false));

            ConsumerRecord<String, String> due = topic.await(r -> "reserve.expiry-approaching"
                    .equals(Reserves.type(r)) && lot.equals(Reserves.data(r).get("lotId").asText()),
                    Duration.ofSeconds(20));
            assertEquals(9, Reserves.data(due).get("daysLeft").asInt());
            assertEquals(1, topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> "reserve.expiry-approaching".equals(Reserves.type(r))
                            && lot.equals(Reserves.data(r).get("lotId").asText())).count(), "announced once");
        }
    }

    private static boolean hasAvailable(ConsumerRecord<String, String> record, String item, int available) {
        for (var line : Reserves.data(record).get("items")) {
            if (line.get("itemCode").asText().equals(item)) {
                return line.get("available").asInt() == available;
            }
        }
        return false;
    }

    private static ValidatableResponse move(String warehouse, String kind, String body) {
        return Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body(body)
                .when().post("/api/warehouses/" + warehouse + "/" + kind).then();
    }

    private static Map<String, Integer> onHand(String warehouse) {
        Map<String, Integer> result = new HashMap<>();
        List<Map<String, Object>> items = Reserves.stock(warehouse).getList("items");
        items.forEach(item -> result.put((String) item.get("itemCode"), (Integer) item.get("onHand")));
        return result;
    }

    private static String someLot(String warehouse, String item) {
        return Reserves.stock(warehouse).get("lots.find { it.itemCode == '" + item + "' }.id");
    }
}
