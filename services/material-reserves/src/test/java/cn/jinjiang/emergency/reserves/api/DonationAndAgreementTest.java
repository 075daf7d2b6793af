package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class DonationAndAgreementTest {

    @Test
    void aDonationIsReceivedAsLotsAndAccountedForWithoutNamingTheDonor() {
        JsonPath anhai = Reserves.warehouse("WH-ANHAI");
        String warehouse = anhai.getString("id");
        int before = Reserves.free(warehouse, "QUILT");
        String donor = "Wang Xiaoming " + UUID.randomUUID();

        String lot = Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body("""
                        {"donorKind": "INDIVIDUAL", "donorName": "%s", "donorContact": "+86 138 0000 0000",
                         "warehouseId": "%s", "purpose": "Typhoon relief for Anhai from Wang, call 13912345678",
                         "items": [{"itemCode": "QUILT", "quantity": 120}, {"itemCode": "WATER-550", "quantity": 30}]}
                        """.formatted(donor, warehouse))
                .when().post("/api/donations").then().statusCode(201)
                .body("donorName", equalTo(donor)).extract().path("items[0].lotId");

        assertEquals(before + 120, Reserves.free(warehouse, "QUILT"));
        assertEquals("DONATION", Reserves.stock(warehouse).get("lots.find { it.id == '" + lot + "' }.source"));
        for (String role : List.of("duty-officer", "rescue-unit", "viewer", "broadcast-system")) {
            String token = role.equals("rescue-unit") ? TestTokens.rescueUnit("JJ-TEST-1")
                    : TestTokens.bearer(role, role.equals("duty-officer") ? "350582100000" : null);
            String summary = given().header("Authorization", token).when().get("/api/donations/summary")
                    .then().statusCode(200)
                    .body("items.find { it.itemCode == 'QUILT' }.donated", equalTo(120))
                    .body("items.find { it.itemCode == 'QUILT' }.unit", equalTo("piece"))
                    .body("warehouses.find { it.warehouseCode == 'WH-ANHAI' }.areaCode",
                            equalTo(anhai.getString("areaCode")))
                    .body("warehouses.find { it.warehouseCode == 'WH-ANHAI' }.items.find { it.itemCode == 'QUILT' }"
                            + ".donated", equalTo(120))
                    .body("warehouses.find { it.warehouseCode == 'WH-ANHAI' }.items.find { it.itemCode == 'QUILT' }"
                            + ".unit", equalTo("piece"))
                    .extract().asString();
            // Only structured fields: neither the donor nor what the keeper typed (a purpose may name them).
            assertTrue(!summary.contains("Wang") && !summary.contains("138") && !summary.contains("139")
                    && !summary.contains("Typhoon relief"), "no donor's data and no free text: " + summary);
        }
        Reserves.as("warehouse-keeper").contentType(ContentType.JSON).body("""
                        {"donorKind": "ORGANISATION", "donorName": "Red Cross", "warehouseId": "%s",
                         "purpose": "x", "items": [{"itemCode": "QUILT", "quantity": -1}]}
                        """.formatted(warehouse))
                .when().post("/api/donations").then().statusCode(400).body("errors.field", hasItem("items[0].quantity"));
    }

    @Test
    void anAgreementIsCalledOffWithinItsCommitmentAndTrackedToDelivery() throws Exception {
        String agreement = Reserves.as("dispatcher").queryParam("item", "TENT-12").when().get("/api/agreements")
                .then().statusCode(200).body("code", equalTo(List.of("AG-2026-006"))).extract().path("[0].id");
        int remaining = Reserves.as("dispatcher").when().get("/api/agreements").then()
                .extract().path("find { it.code == 'AG-2026-006' }.remaining");
        UUID incident = Reserves.incident(24.64, 118.67);

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.RESERVE_EVENTS)) {
            // Twenty dispatchers call off more than the commitment holds between them: it is never exceeded.
            int each = remaining / 10;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return callOff(agreement, incident, each);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 201 || status == 409, "status " + status);
                accepted += status == 201 ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(remaining / each, accepted);
            Reserves.as("viewer").when().get("/api/agreements").then()
                    .body("find { it.code == 'AG-2026-006' }.calledOff", equalTo(accepted * each));

            List<String> callOffs = Reserves.as("dispatcher").when().get("/api/incidents/" + incident + "/call-offs")
                    .then().statusCode(200).extract().path("id");
            assertEquals(accepted, callOffs.size());
            ConsumerRecord<String, String> called = topic.await(r -> "reserve.called-off".equals(Reserves.type(r))
                    && callOffs.get(0).equals(Reserves.data(r).get("callOffId").asText()), Duration.ofSeconds(20));
            assertEquals(incident.toString(), called.key());
            assertEquals(16 * 3600, java.time.Duration.between(
                    java.time.OffsetDateTime.parse(Reserves.data(called).get("at").asText()),
                    java.time.OffsetDateTime.parse(Reserves.data(called).get("dueAt").asText())).toSeconds(), 1);

            Reserves.as("warehouse-keeper").when().post("/api/call-offs/" + callOffs.get(0) + "/delivered").then()
                    .statusCode(200).body("status", equalTo("DELIVERED"));
            Reserves.as("warehouse-keeper").when().post("/api/call-offs/" + callOffs.get(0) + "/delivered").then()
                    .statusCode(409).contentType("application/problem+json");
            topic.await(r -> "reserve.call-off-delivered".equals(Reserves.type(r))
                    && callOffs.get(0).equals(Reserves.data(r).get("callOffId").asText()), Duration.ofSeconds(20));
        }
        assertEquals(400, callOffStatus(agreement, "{\"incidentId\": \"" + incident + "\", \"quantity\": 0}"));
        assertEquals(400, callOffStatus(agreement, "{\"incidentId\": \"" + UUID.randomUUID() + "\", \"quantity\": 1}"));
        assertEquals(404, callOffStatus(UUID.randomUUID().toString(),
                "{\"incidentId\": \"" + incident + "\", \"quantity\": 1}"));
    }

    private static int callOff(String agreement, UUID incident, int quantity) {
        return callOffStatus(agreement, "{\"incidentId\": \"" + incident + "\", \"quantity\": " + quantity + "}");
    }

    private static int callOffStatus(String agreement, String body) {
        return Reserves.as("dispatcher").contentType(ContentType.JSON).body(body)
                .when().post("/api/agreements/" + agreement + "/call-offs").then().extract().statusCode();
    }
}
