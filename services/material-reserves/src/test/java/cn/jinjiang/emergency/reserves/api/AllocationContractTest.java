package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An allocation whose event the contract cannot carry (its nearest stock lies in a warehouse whose code is longer than
 * reserve.allocated allows, reference data no API makes) is refused on its own, 409 saying why, with nothing reserved
 * or published for it; the allocations made in the same round are made and announced.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class AllocationContractTest {

    private static final double FAR_LATITUDE = 25.60;
    private static final double FAR_LONGITUDE = 119.30;

    @Test
    void anAllocationWhoseEventBreaksTheContractIsRefusedAloneAndTheRestOfItsRoundIsMade() throws Exception {
        UUID warehouse = UUID.randomUUID();
        UUID lot = UUID.randomUUID();
        String code = "WH-" + "X".repeat(45);
        Reserves.sql("INSERT INTO warehouse (id, code, name, name_zh, level, area_code, latitude, longitude, operator) "
                + "VALUES ('" + warehouse + "'::uuid, '" + code + "', 'Far away', '远处', 'CITY', '350582000000', "
                + FAR_LATITUDE + ", " + FAR_LONGITUDE + ", 'test')");
        Reserves.sql("INSERT INTO lot (id, item_code, warehouse_id, source, received_at, expires_on, on_hand) VALUES ('"
                + lot + "'::uuid, 'SANDBAG', '" + warehouse + "'::uuid, 'PURCHASE', now(), NULL, 100)");
        try {
            UUID far = Reserves.incident(FAR_LATITUDE, FAR_LONGITUDE);
            List<UUID> near = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                near.add(Reserves.incident(24.70 + i * 0.001, 118.55));
            }
            double roundsBefore = Reserves.metric("reserves_allocation_round_size_count");
            try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(near.size() + 1);
                List<Future<ExtractableResponse<Response>>> made = new ArrayList<>();
                for (int i = 0; i < near.size(); i++) {
                    UUID incident = near.get(i);
                    made.add(pool.submit(() -> {
                        start.await();
                        return Reserves.allocate(incident, 24.7, 118.55, Map.of("SANDBAG", 3)).extract();
                    }));
                    if (i == near.size() / 2) {
                        made.add(pool.submit(() -> {
                            start.await();
                            return Reserves.allocate(far, FAR_LATITUDE, FAR_LONGITUDE, Map.of("SANDBAG", 5))
                                    .extract();
                        }));
                    }
                }
                start.countDown();
                Set<String> allocated = new HashSet<>();
                ExtractableResponse<Response> refused = null;
                for (Future<ExtractableResponse<Response>> answer : made) {
                    ExtractableResponse<Response> response = answer.get();
                    if (response.statusCode() == 201) {
                        assertEquals(3, response.jsonPath().getInt("lines[0].reserved"), response.asString());
                        allocated.add(response.jsonPath().getString("id"));
                    } else {
                        assertEquals(null, refused, "only one allocation is refused: " + response.asString());
                        refused = response;
                    }
                }
                pool.shutdown();
                assertEquals(near.size(), allocated.size(), "every other allocation of the round is made");
                assertTrue(refused != null, "the allocation from the far warehouse is refused");
                assertEquals(409, refused.statusCode(), refused.asString());
                assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
                assertTrue(refused.jsonPath().getString("detail").contains("warehouseCode"),
                        refused.jsonPath().getString("detail"));
                double rounds = Reserves.metric("reserves_allocation_round_size_count") - roundsBefore;
                assertTrue(rounds < allocated.size() + 1, (allocated.size() + 1) + " allocations were asked in "
                        + rounds + " rounds: some were made together");

                // Nothing of the refused one: no allocation, nothing reserved, no event.
                Reserves.as("viewer").when().get("/api/incidents/" + far + "/allocations").then().statusCode(200)
                        .body("", hasSize(0));
                assertEquals(0, Reserves.sql("SELECT reserved FROM lot WHERE id = '" + lot + "'::uuid"));
                List<ConsumerRecord<String, String>> events = topic.awaitAll(r -> "reserve.allocated"
                        .equals(Reserves.type(r)) && allocated.contains(Reserves.data(r).path("allocationId")
                        .asText()), allocated.size(), Duration.ofSeconds(30));
                assertEquals(allocated.size(), events.size(), "one event per allocation made");
                assertTrue(topic.drain(Duration.ofSeconds(2)).stream().noneMatch(r -> far.toString().equals(r.key())
                        && Reserves.type(r).startsWith("reserve.")), "nothing announced for the refused one");
            }
        } finally {
            Reserves.sql("DELETE FROM lot WHERE id = '" + lot + "'::uuid");
            Reserves.sql("DELETE FROM warehouse WHERE id = '" + warehouse + "'::uuid");
        }
    }
}
