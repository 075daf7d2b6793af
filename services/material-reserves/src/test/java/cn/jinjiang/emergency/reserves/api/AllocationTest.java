package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class AllocationTest {

    /** Expiry days are the bureaus' (emergency.zone): near midnight there, UTC's date is another day. */
    private static final ZoneId BUREAU_ZONE = ZoneId.of("Asia/Shanghai");

    private static final int RACERS = 64;

    @Test
    void theNearestWarehouseGivesItsFirstExpiringLotFirst() {
        JsonPath community = Reserves.warehouse("WH-HONGSHAN-COMMUNITY");
        String warehouseId = community.getString("id");
        double lat = community.getDouble("latitude");
        double lon = community.getDouble("longitude");
        LocalDate soon = LocalDate.now(BUREAU_ZONE).plusDays(40);
        Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body("""
                        {"items": [{"itemCode": "WATER-550", "quantity": 30, "expiresOn": "%s"},
                                   {"itemCode": "WATER-550", "quantity": 30, "expiresOn": "%s"}],
                         "reason": "Delivery from supplier"}
                        """.formatted(soon.plusDays(200), soon))
                .when().post("/api/warehouses/" + warehouseId + "/receipts")
                .then().statusCode(201).body("entries", hasSize(2)).body("entries.kind", equalTo(List.of("RECEIPT", "RECEIPT")));
        List<Map<String, Object>> lots = Reserves.stock(warehouseId)
                .getList("lots.findAll { it.itemCode == 'WATER-550' && !it.expired }");
        Map<String, Object> first = lots.stream().min((a, b) -> ((String) a.get("expiresOn"))
                .compareTo((String) b.get("expiresOn"))).orElseThrow();
        int firstFree = (Integer) first.get("free");
        UUID incident = Reserves.incident(lat, lon);

        JsonPath sheet = Reserves.allocate(incident, lat, lon, Map.of("WATER-550", firstFree + 1))
                .statusCode(201).body("status", equalTo("RESERVED")).body("shortfall", equalTo(false))
                .extract().jsonPath();

        assertEquals(first.get("id"), sheet.getString("lines[0].picks[0].lotId"), "first expiry first out");
        assertEquals(firstFree, sheet.getInt("lines[0].picks[0].quantity"));
        assertEquals(warehouseId, sheet.getString("lines[0].picks[1].warehouseId"), "then the same warehouse's next lot");
        assertEquals(0.0, sheet.getDouble("lines[0].picks[0].distanceKm"), 0.001);
        assertEquals(firstFree + 1, sheet.getInt("lines[0].reserved"));
    }

    @Test
    void eachBureausIncidentIsServedFromItsOwnWarehouses() {
        JsonPath haibin = Reserves.warehouse("WH-LC-HAIBIN");
        double lat = haibin.getDouble("latitude");
        double lon = haibin.getDouble("longitude");
        OffsetDateTime occurred = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        UUID licheng = Reserves.incident(lat, lon, occurred, "350502001000");
        List<String> picked = Reserves.allocate(licheng, lat, lon, Map.of("QUILT", 400)).statusCode(201)
                .extract().jsonPath().getList("lines[0].picks.warehouseCode");
        assertTrue(picked.size() > 1 && picked.stream().allMatch(code -> code.startsWith("WH-LC-")
                || code.equals("WH-DISTRICT-LC")), "Licheng's warehouses only: " + picked);

        // A Jinjiang incident at the same spot (a report filed by the county line) is served from Jinjiang's.
        UUID jinjiang = Reserves.incident(lat, lon, occurred, "350582001000");
        List<String> jinjiangPicks = Reserves.allocate(jinjiang, lat, lon, Map.of("QUILT", 10)).statusCode(201)
                .extract().jsonPath().getList("lines[0].picks.warehouseCode");
        assertTrue(!jinjiangPicks.isEmpty() && jinjiangPicks.stream().noneMatch(code -> code.startsWith("WH-LC-")
                || code.equals("WH-DISTRICT-LC")), "Jinjiang's warehouses only: " + jinjiangPicks);
    }

    @Test
    void aQuantityNoWarehouseHoldsIsSplitNearestFirst() {
        JsonPath town = Reserves.warehouse("WH-SHENHU");
        double lat = town.getDouble("latitude");
        double lon = town.getDouble("longitude");
        int here = Reserves.free(town.getString("id"), "SANDBAG");
        UUID incident = Reserves.incident(lat, lon);

        JsonPath sheet = Reserves.allocate(incident, lat, lon, Map.of("SANDBAG", here + 500))
                .statusCode(201).extract().jsonPath();

        List<String> warehouses = sheet.getList("lines[0].picks.warehouseCode");
        List<Float> distances = sheet.getList("lines[0].picks.distanceKm");
        assertEquals("WH-SHENHU", warehouses.get(0));
        assertTrue(new HashSet<>(warehouses).size() >= 2, "split across warehouses: " + warehouses);
        for (int i = 1; i < distances.size(); i++) {
            assertTrue(distances.get(i) >= distances.get(i - 1), "nearest first: " + distances);
        }
        assertEquals(here + 500, sheet.getInt("lines[0].reserved"));
        assertEquals(0, Reserves.free(town.getString("id"), "SANDBAG"), "the nearest gave all it had");
    }

    @Test
    void whatCannotArriveWithinTenHoursOrCannotBeCoveredIsFlaggedWithAgreementReserves() throws Exception {
        JsonPath town = Reserves.warehouse("WH-JINJING");
        double lat = town.getDouble("latitude");
        double lon = town.getDouble("longitude");
        // The disaster struck 9½ hours ago: 30 minutes are left of the relief target, less than loading takes.
        UUID incident = Reserves.incident(lat, lon, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(570));
        int pumps = Reserves.networkFree("PUMP-SUB");

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            JsonPath sheet = Reserves.allocate(incident, lat, lon, Map.of("PUMP-SUB", pumps + 7, "QUILT", 5))
                    .statusCode(201).body("shortfall", equalTo(true)).extract().jsonPath();

            Map<String, Object> pumpLine = sheet.getMap("lines.find { it.itemCode == 'PUMP-SUB' }");
            assertEquals(pumps, pumpLine.get("reserved"));
            assertEquals(7, pumpLine.get("uncovered"));
            assertEquals(pumps, pumpLine.get("late"), "none of it arrives within the target");
            assertEquals(List.of("AG-2026-002"), sheet.getList("lines.find { it.itemCode == 'PUMP-SUB' }.agreements.code"));
            assertEquals(false, sheet.get("lines.find { it.itemCode == 'PUMP-SUB' }.agreements[0].withinReliefTarget"));
            assertEquals(5, (Integer) sheet.get("lines.find { it.itemCode == 'QUILT' }.late"));

            String allocation = sheet.getString("id");
            ConsumerRecord<String, String> shortfall = topic.await(r -> "reserve.allocation-shortfall"
                    .equals(Reserves.type(r)) && allocation.equals(Reserves.data(r).path("allocationId").asText()),
                    Duration.ofSeconds(20));
            assertEquals(incident.toString(), shortfall.key());
            // The sample's incident lies in Anhai: the allocation, and what it lacks, are Jinjiang's.
            assertEquals("350582", sheet.getString("jurisdiction"));
            assertEquals("350582", Reserves.data(shortfall).get("jurisdiction").asText());
            JsonNode pumpShort = null;
            for (JsonNode line : Reserves.data(shortfall).get("lines")) {
                if (line.get("itemCode").asText().equals("PUMP-SUB")) {
                    pumpShort = line;
                }
            }
            assertEquals(7, pumpShort.get("uncovered").asInt());
            assertEquals("AG-2026-002", pumpShort.get("agreements").get(0).get("code").asText());
            topic.await(r -> "reserve.allocated".equals(Reserves.type(r))
                    && allocation.equals(Reserves.data(r).path("allocationId").asText()), Duration.ofSeconds(20));

            // Cancelled, the pumps are free again for whoever asks next.
            Reserves.as("dispatcher").contentType(ContentType.JSON).body("{\"reason\": \"Pumps needed in Anhai\"}")
                    .when().post("/api/incidents/" + incident + "/allocations/" + allocation + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));
            assertEquals(pumps, Reserves.networkFree("PUMP-SUB"));
            ConsumerRecord<String, String> released = topic.await(r -> "reserve.released".equals(Reserves.type(r))
                    && allocation.equals(Reserves.data(r).path("allocationId").asText()), Duration.ofSeconds(20));
            assertEquals("CANCELLED", Reserves.data(released).get("status").asText());
            assertEquals("Pumps needed in Anhai", Reserves.data(released).get("reason").asText());
        }
    }

    @Test
    void sixtyFourConcurrentAllocationsNeverTakeMoreThanTheStock() throws Exception {
        int stock = Reserves.networkFree("ASSAULT-BOAT");
        assertTrue(stock > 0 && stock < RACERS * 3, "a small stock for " + RACERS + " requests of 3: " + stock);
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            incidents.add(Reserves.incident(24.62 + i * 0.004, 118.45 + i * 0.004));
        }
        long ledgerBefore = Reserves.ledgerRows();

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                UUID incident = incidents.get(i);
                double lat = 24.62 + i * 0.004;
                double lon = 118.45 + i * 0.004;
                Callable<JsonPath> race = () -> {
                    start.await();
                    return Reserves.allocate(incident, lat, lon, Map.of("ASSAULT-BOAT", 3)).statusCode(201)
                            .extract().jsonPath();
                };
                answers.add(pool.submit(race));
            }
            start.countDown();
            int reserved = 0;
            int shortOnes = 0;
            Set<String> allocations = new HashSet<>();
            Map<String, Integer> perLot = new java.util.HashMap<>();
            for (Future<JsonPath> answer : answers) {
                JsonPath sheet = answer.get();
                allocations.add(sheet.getString("id"));
                int got = sheet.getInt("lines[0].reserved");
                assertEquals(3, got + sheet.getInt("lines[0].uncovered"), "every request is told what was short");
                reserved += got;
                shortOnes += sheet.getInt("lines[0].uncovered") > 0 ? 1 : 0;
                List<Map<String, Object>> picks = sheet.getList("lines[0].picks");
                picks.forEach(p -> perLot.merge((String) p.get("lotId"), (Integer) p.get("quantity"), Integer::sum));
            }
            pool.shutdown();

            assertEquals(stock, reserved, "the sum allocated is the stock: nothing oversold, nothing left idle");
            assertEquals(0, Reserves.networkFree("ASSAULT-BOAT"));
            assertTrue(shortOnes > 0);
            assertEquals(ledgerBefore, Reserves.ledgerRows(), "reserving moves nothing in the ledger");
            Reserves.as("viewer").when().get("/api/ledger/reconciliation").then().statusCode(200)
                    .body("balanced", equalTo(true));
            int promised = Reserves.as("viewer").queryParam("item", "ASSAULT-BOAT").when().get("/api/stock")
                    .then().extract().path("reserved");
            assertEquals(stock, promised, "each unit promised once: " + perLot);

            List<ConsumerRecord<String, String>> allocated = topic.awaitAll(r -> "reserve.allocated"
                    .equals(Reserves.type(r)) && allocations.contains(Reserves.data(r).path("allocationId").asText()),
                    RACERS, Duration.ofSeconds(30));
            assertEquals(RACERS, allocated.size());
            topic.awaitAll(r -> "reserve.allocation-shortfall".equals(Reserves.type(r))
                    && allocations.contains(Reserves.data(r).path("allocationId").asText()), shortOnes,
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void anAllocationIsDispatchedDeliveredAndReturnedThroughTheLedger() throws Exception {
        JsonPath town = Reserves.warehouse("WH-LONGHU");
        String warehouseId = town.getString("id");
        double lat = town.getDouble("latitude");
        double lon = town.getDouble("longitude");
        UUID incident = Reserves.incident(lat, lon);
        int tentsBefore = Reserves.stock(warehouseId).getInt("items.find { it.itemCode == 'TENT-12' }.onHand");

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            String allocation = Reserves.allocate(incident, lat, lon, Map.of("TENT-12", 4)).statusCode(201)
                    .body("lines[0].picks[0].warehouseId", equalTo(warehouseId)).extract().path("id");
            String path = "/api/incidents/" + incident + "/allocations/" + allocation;

            Reserves.as("warehouse-keeper").when().post(path + "/deliver").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("RESERVED"));
            Reserves.as("warehouse-keeper").when().post(path + "/dispatch").then().statusCode(200)
                    .body("status", equalTo("DISPATCHED"));
            assertEquals(tentsBefore - 4,
                    Reserves.stock(warehouseId).getInt("items.find { it.itemCode == 'TENT-12' }.onHand"));
            Reserves.as("dispatcher").when().post(path + "/deliver").then().statusCode(200)
                    .body("status", equalTo("DELIVERED"));
            Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body("{\"reason\": \"Not unpacked\"}")
                    .when().post(path + "/return").then().statusCode(200).body("status", equalTo("RETURNED"));
            assertEquals(tentsBefore,
                    Reserves.stock(warehouseId).getInt("items.find { it.itemCode == 'TENT-12' }.onHand"));
            Reserves.as("dispatcher").contentType(ContentType.JSON).body("{\"reason\": \"late\"}")
                    .when().post(path + "/cancel").then().statusCode(409);

            List<String> kinds = Reserves.as("viewer").when().get("/api/warehouses/" + warehouseId + "/ledger")
                    .then().extract().path("findAll { it.allocationId == '" + allocation + "' }.kind");
            assertEquals(List.of("ALLOCATION_RETURN", "ALLOCATION_DISPATCH"), kinds);

            List<String> steps = new ArrayList<>();
            topic.awaitAll(r -> allocation.equals(Reserves.data(r).path("allocationId").asText()), 4,
                    Duration.ofSeconds(20)).forEach(r -> steps.add(Reserves.type(r) + ":"
                    + Reserves.data(r).get("status").asText()));
            assertEquals(List.of("reserve.allocated:RESERVED", "reserve.dispatched:DISPATCHED",
                    "reserve.delivered:DELIVERED", "reserve.released:RETURNED"), steps);
            Reserves.as("viewer").when().get("/api/incidents/" + incident + "/allocations").then().statusCode(200)
                    .body("id", equalTo(List.of(allocation))).body("[0].status", equalTo("RETURNED"));
            Reserves.as("warehouse-keeper").when().get(path).then().statusCode(200)
                    .body("status", equalTo("RETURNED")).body("reason", equalTo("Not unpacked"))
                    .body("lines[0].picks[0].warehouseCode", equalTo("WH-LONGHU"));
            Reserves.as("viewer").when().get("/api/incidents/" + UUID.randomUUID() + "/allocations/" + allocation)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void expiredStockIsNeverAllocated() {
        JsonPath community = Reserves.warehouse("WH-HUZHONG-COMMUNITY");
        String warehouseId = community.getString("id");
        double lat = community.getDouble("latitude");
        double lon = community.getDouble("longitude");
        String lotId = Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body("""
                        {"items": [{"itemCode": "BISCUITS", "quantity": 50,
                                    "expiresOn": "%s"}]}""".formatted(LocalDate.now(BUREAU_ZONE).plusDays(2)))
                .when().post("/api/warehouses/" + warehouseId + "/receipts")
                .then().statusCode(201).extract().path("entries[0].lotId");
        Reserves.expire(lotId);
        assertEquals(true, Reserves.stock(warehouseId).get("lots.find { it.id == '" + lotId + "' }.expired"));
        UUID incident = Reserves.incident(lat, lon);

        List<String> lots = Reserves.allocate(incident, lat, lon, Map.of("BISCUITS", 200)).statusCode(201)
                .extract().path("lines[0].picks.lotId");

        assertFalse(lots.contains(lotId), "an expired lot is never picked");
        Reserves.as("viewer").queryParam("warehouse", warehouseId).when().get("/api/rotation").then()
                .statusCode(200).body("find { it.lotId == '" + lotId + "' }.expired", equalTo(true));
    }

    /**
     * Allocations arriving together are made together, in one transaction, and each is still answered on its own: an
     * unknown or closed incident fails only its own request, a retry under a key gets the first answer, a key reused
     * with another request is refused, and the rest are made.
     */
    @Test
    void allocationsMadeTogetherAreEachAnsweredOnTheirOwn() throws Exception {
        UUID closed = Reserves.incident(24.71, 118.56);
        Reserves.send(closed, "incident.closed", data -> { });
        Eventually.until(() -> Reserves.isClosed(closed), Duration.ofSeconds(20), "the final report consumed");
        List<UUID> open = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            open.add(Reserves.incident(24.70 + i * 0.001, 118.55));
        }
        UUID unknown = UUID.randomUUID();
        double roundsBefore = Reserves.metric("reserves_allocation_round_size_count");
        String key = "round-" + UUID.randomUUID();
        String reused = "reused-" + UUID.randomUUID();
        Reserves.allocate(open.get(23), 24.7, 118.55, Map.of("TENT-12", 1), reused).statusCode(201);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<io.restassured.response.ExtractableResponse<?>>> plain = new ArrayList<>();
            List<Future<io.restassured.response.ExtractableResponse<?>>> keyed = new ArrayList<>();
            List<Future<io.restassured.response.ExtractableResponse<?>>> refused = new ArrayList<>();
            for (int i = 0; i < 22; i++) {
                UUID incident = open.get(i);
                plain.add(pool.submit(() -> {
                    start.await();
                    return Reserves.allocate(incident, 24.7, 118.55, Map.of("SANDBAG", 10)).extract();
                }));
            }
            for (int i = 0; i < 4; i++) {
                keyed.add(pool.submit(() -> {
                    start.await();
                    return Reserves.allocate(open.get(22), 24.7, 118.55, Map.of("SANDBAG", 7), key).extract();
                }));
            }
            for (UUID incident : List.of(closed, unknown)) {
                refused.add(pool.submit(() -> {
                    start.await();
                    return Reserves.allocate(incident, 24.7, 118.55, Map.of("SANDBAG", 10)).extract();
                }));
            }
            refused.add(pool.submit(() -> {
                start.await();
                return Reserves.allocate(open.get(23), 24.7, 118.55, Map.of("TENT-12", 2), reused).extract();
            }));
            start.countDown();

            Set<String> made = new HashSet<>();
            for (var answer : plain) {
                var response = answer.get();
                assertEquals(201, response.statusCode(), response.asString());
                assertEquals(10, response.jsonPath().getInt("lines[0].reserved"));
                made.add(response.jsonPath().getString("id"));
            }
            Set<String> retried = new HashSet<>();
            for (var answer : keyed) {
                var response = answer.get();
                assertEquals(201, response.statusCode(), response.asString());
                retried.add(response.asString());
            }
            assertEquals(1, retried.size(), "every retry under the key gets the first answer, word for word");
            made.add(new io.restassured.path.json.JsonPath(retried.iterator().next()).getString("id"));
            assertEquals(409, refused.get(0).get().statusCode());
            assertEquals(404, refused.get(1).get().statusCode());
            assertEquals(422, refused.get(2).get().statusCode());
            pool.shutdown();

            Reserves.as("viewer").when().get("/api/incidents/" + open.get(22) + "/allocations").then()
                    .body("", hasSize(1));
            Reserves.as("viewer").when().get("/api/incidents/" + closed + "/allocations").then().body("", hasSize(0));
            Reserves.as("viewer").when().get("/api/incidents/" + open.get(23) + "/allocations").then()
                    .body("", hasSize(1)).body("[0].lines[0].requested", equalTo(1));
            double rounds = Reserves.metric("reserves_allocation_round_size_count") - roundsBefore;
            assertTrue(rounds < made.size(), made.size() + " allocations were made in " + rounds
                    + " rounds: some were made together");
            List<ConsumerRecord<String, String>> allocated = topic.awaitAll(r -> "reserve.allocated"
                    .equals(Reserves.type(r)) && made.contains(Reserves.data(r).path("allocationId").asText()),
                    made.size(), Duration.ofSeconds(30));
            assertEquals(23, allocated.size(), "one event per allocation made");
            Reserves.as("viewer").when().get("/api/ledger/reconciliation").then().statusCode(200)
                    .body("balanced", equalTo(true));
        }
    }

    @Test
    void badAllocationsAreRefusedNamingTheFieldAndNothingIsStored() {
        UUID incident = Reserves.incident(24.7, 118.55);
        Reserves.allocate(incident, 24.7, 118.55, Map.of("SANDBAG", 0)).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("lines[0].quantity"));
        Reserves.allocate(incident, 24.7, 118.55, Map.of("PLUTONIUM", 1)).statusCode(400)
                .body("errors.field", hasItem("lines[0].itemCode"));
        Reserves.allocate(incident, 91, 118.55, Map.of("SANDBAG", 1)).statusCode(400)
                .body("errors.field", hasItem("deliveryPoint.latitude"));
        Reserves.allocate(UUID.randomUUID(), 24.7, 118.55, Map.of("SANDBAG", 1)).statusCode(404);
        Reserves.as("viewer").when().get("/api/incidents/" + incident + "/allocations").then().body("", hasSize(0));

        Reserves.send(incident, "incident.closed", data -> { });
        Eventually.until(() -> Reserves.isClosed(incident), Duration.ofSeconds(20), "the final report consumed");
        Reserves.allocate(incident, 24.7, 118.55, Map.of("SANDBAG", 1)).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("CLOSED"));
        Reserves.as("viewer").when().get("/api/incidents/" + incident + "/allocations").then().body("", hasSize(0));
    }
}
