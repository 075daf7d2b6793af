package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Run cards, recommendations and the reactions to re-grades and closings. Each test works in its own patch of the
 * map, far from the county's reference units, so that it knows every unit near its incident.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = Dispatch.DATABASE))
class PlanAndRecommendationTest {

    private static ValidatableResponse recommendations(UUID incident, String query) {
        return given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/incidents/" + incident + "/recommendations" + query).then();
    }

    @Test
    void anotherJurisdictionsIncidentIsUnknownToACommandCentre() {
        UUID incident = UUID.randomUUID();
        Dispatch.send(incident, "incident.reported", data -> data.put("areaCode", "350502001000"));
        String licheng = TestTokens.in("350502", "dispatcher");
        Eventually.until(() -> given().header("Authorization", licheng).when().get("/api/incidents/" + incident)
                .statusCode() == 200, Duration.ofSeconds(20), "Licheng's incident known to dispatch");
        given().header("Authorization", licheng).when().get("/api/incidents/" + incident + "/recommendations")
                .then().statusCode(200);

        // Under /api/incidents/{id}, every endpoint answers Jinjiang's command centre as if it did not exist.
        String jinjiang = TestTokens.in("350582", "dispatcher");
        for (String path : List.of("", "/plan", "/recommendations?capability=FIRE")) {
            given().header("Authorization", jinjiang).when().get("/api/incidents/" + incident + path)
                    .then().statusCode(404).contentType("application/problem+json");
        }
        UUID unit = Dispatch.unit("JJ-JUR", "FIRE_ENGINE", "FIRE", 43.0, 108.0);
        given().header("Authorization", jinjiang).contentType(ContentType.JSON)
                .body("{\"unitIds\": [\"" + unit + "\"]}")
                .when().post("/api/incidents/" + incident + "/assignments")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals("AVAILABLE", Dispatch.statusOf(unit), "nothing was assigned");
    }

    @Test
    void onlyCapableAvailableUnitsAreOfferedFastestFirst() {
        double lat = 43.0;
        double lon = 108.0;
        UUID incident = Dispatch.incident("FIRE", "IV", lat, lon);
        UUID near = Dispatch.unit("JJ-REC-NEAR", "FIRE_ENGINE", "FIRE", lat + 0.02, lon);
        UUID far = Dispatch.unit("JJ-REC-FAR", "FIRE_ENGINE", "FIRE", lat + 0.10, lon);
        Dispatch.unit("JJ-REC-NOFIRE", "AMBULANCE", "MEDICAL", lat + 0.001, lon);
        UUID busy = Dispatch.unit("JJ-REC-BUSY", "FIRE_ENGINE", "FIRE", lat + 0.001, lon);
        Dispatch.assign(Dispatch.incident("FIRE", "IV", lat, lon), busy).statusCode(201);

        // The index learns of new units and of the booking from the database's notifications.
        Eventually.until(() -> List.of(near.toString(), far.toString()).equals(recommendations(incident,
                        "?capability=FIRE&count=2").statusCode(200).extract().path("lines[0].units.id")),
                Duration.ofSeconds(10), "the two free fire engines, nearest first");
        recommendations(incident, "?capability=FIRE&count=2")
                .body("lines[0].capability", equalTo("FIRE")).body("lines[0].unfilled", equalTo(0))
                .body("lines[0].units[0].distanceKm", equalTo(2.22f))
                .body("lines[0].units[0].etaMinutes", org.hamcrest.Matchers.lessThan(
                        ((Float) recommendations(incident, "?capability=FIRE&count=2").extract()
                                .path("lines[0].units[1].etaMinutes"))));

        // Once the near one is out of service, the far one is first.
        Dispatch.status(near, "OUT_OF_SERVICE").statusCode(200);
        Eventually.until(() -> far.toString().equals(recommendations(incident, "?capability=FIRE&count=1")
                        .extract().path("lines[0].units[0].id")), Duration.ofSeconds(10), "the far engine first");

        recommendations(incident, "?capability=LADDER").statusCode(400).body(containsString("capability"));
        recommendations(incident, "?count=3").statusCode(400).body(containsString("count"));
        recommendations(UUID.randomUUID(), "").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aHelicopterIsOfferedOnlyWithinItsRadius() {
        double lat = 44.0;
        double lon = 112.0;
        UUID incident = Dispatch.incident("FOREST_FIRE", "IV", lat, lon);
        // 1 degree of latitude is 111 km: one helicopter 89 km away, one 122 km away.
        UUID inReach = Dispatch.unit("JJ-HELI-IN", "HELICOPTER", "AIR", lat + 0.8, lon);
        UUID outOfReach = Dispatch.unit("JJ-HELI-OUT", "HELICOPTER", "AIR", lat - 1.1, lon);

        // Ground units (drone teams) have no such limit, so only the helicopters offered are looked at.
        String helicopters = "lines[0].units.findAll { it.type == 'HELICOPTER' }.id";
        Eventually.until(() -> {
            List<String> offered = recommendations(incident, "?capability=AIR&count=10").extract().path(helicopters);
            return offered != null && offered.contains(inReach.toString());
        }, Duration.ofSeconds(10), "the helicopter in reach offered");
        recommendations(incident, "?capability=AIR&count=10")
                .body(helicopters, equalTo(List.of(inReach.toString())))
                .body("lines[0].units.id", not(hasItem(outOfReach.toString())));
    }

    @Test
    void thePlanShowsWhatIsAssignedAndWhatIsMissingAndARegradeReportsTheShortfall() {
        double lat = 45.0;
        double lon = 116.0;
        UUID incident = Dispatch.incident("FIRE", "IV", lat, lon);
        UUID engine1 = Dispatch.unit("JJ-PLAN-E", "FIRE_ENGINE", "FIRE", lat, lon + 0.01);
        UUID engine2 = Dispatch.unit("JJ-PLAN-E", "FIRE_ENGINE", "FIRE", lat, lon + 0.02);
        UUID medic = Dispatch.unit("JJ-PLAN-M", "AMBULANCE", "MEDICAL", lat, lon + 0.03);

        // FIRE at IV asks for 2 engines and 1 medical unit (response-plans.csv).
        ValidatableResponse plan = given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident + "/plan").then().statusCode(200)
                .body("met", equalTo(false))
                .body("lines.capability", equalTo(List.of("FIRE", "MEDICAL")))
                .body("lines.required", equalTo(List.of(2, 1)))
                .body("lines.missing", equalTo(List.of(2, 1)));
        assertNotNull(plan);
        Eventually.until(() -> {
            List<String> offered = recommendations(incident, "").extract().path("lines.units.id.flatten()");
            return offered != null && offered.containsAll(List.of(engine1.toString(), engine2.toString(),
                    medic.toString()));
        }, Duration.ofSeconds(10), "the plan's missing part filled from the nearby units");

        Dispatch.assign(incident, engine1, engine2, medic).statusCode(201);
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + incident + "/plan").then().statusCode(200)
                .body("met", equalTo(true)).body("lines.assigned", equalTo(List.of(2, 1)));

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), Topics.DISPATCH_EVENTS)) {
            Dispatch.send(incident, "incident.regraded", data -> data.put("previousGrade", "IV").put("grade", "III")
                    .put("assessedGrade", "III"));
            ConsumerRecord<String, String> shortfall = topic.await(r -> "dispatch.shortfall"
                    .equals(Dispatch.type(r)) && incident.toString().equals(r.key()), Duration.ofSeconds(20));
            JsonNode data = Dispatch.data(shortfall);
            assertEquals("III", data.get("grade").asText());
            assertEquals("IV", data.get("previousGrade").asText());
            // FIRE at III: 6 engines, 2 medical, 1 search & rescue, 1 heavy equipment; 2 engines and 1 medic sent.
            assertEquals("FIRE", data.at("/missing/0/capability").asText());
            assertEquals(4, data.at("/missing/0/missing").asInt());
            assertEquals(2, data.at("/missing/0/assigned").asInt());
            assertEquals("MEDICAL", data.at("/missing/1/capability").asText());
            assertEquals(1, data.at("/missing/1/missing").asInt());

            Dispatch.send(incident, "incident.closed", d -> { });
            ConsumerRecord<String, String> release = topic.await(r -> "dispatch.release-requested"
                    .equals(Dispatch.type(r)) && incident.toString().equals(r.key()), Duration.ofSeconds(20));
            assertEquals("INCIDENT_CLOSED", Dispatch.data(release).get("cause").asText());
            assertEquals(3, Dispatch.data(release).get("units").size());
        }
        given().header("Authorization", TestTokens.bearer("dispatcher"))
                .when().get("/api/incidents/" + incident).then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("assignments.releaseRequestedAt", not(hasItem((Object) null)))
                .body("assignments.open", equalTo(List.of(true, true, true)));
        // The flagged units are still released by a dispatcher, with a reason.
        given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("{\"reason\": \"Incident closed\"}")
                .when().post("/api/incidents/" + incident + "/assignments/" + medic + "/release")
                .then().statusCode(200).body("status", equalTo("AVAILABLE"));
    }
}
