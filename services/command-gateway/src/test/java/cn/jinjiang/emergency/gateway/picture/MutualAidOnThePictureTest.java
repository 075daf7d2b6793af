package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual aid on both bureaus' pictures: Licheng asks Jinjiang for units and stock for a Licheng incident; Jinjiang's
 * screens, which never see the incident itself, see the request with a summary of the incident and what of theirs
 * went there; Licheng's see the incident listing its requests.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class MutualAidOnThePictureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LICHENG_STREET = "350502001000";
    private static final String JINJIANG = TestTokens.token(TestTokens.claims("viewer", null)
            .claim("jurisdiction", "350582"));
    private static final String LICHENG = TestTokens.token(TestTokens.claims("viewer", null)
            .claim("jurisdiction", "350502"));

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Test
    void bothBureausSeeTheRequestAndTheLenderSeesWhatOfItsWentThere() {
        UUID incident = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        UUID unitsRequest = UUID.randomUUID();
        UUID stockRequest = UUID.randomUUID();
        // Jinjiang's idle unit and its warehouse lie in their home area, so Jinjiang's own screens see them. (What is lent
        // is read from the lending events themselves, which name the unit's and the warehouse's bureau.)
        ObjectNode listed = PictureEvents.unitListed(unit, null, "AVAILABLE", 0, 1, 24.80, 118.57);
        PictureEvents.data(listed).put("areaCode", ANHAI);
        PictureEvents.send(listed);
        PictureEvents.send(PictureEvents.stockChanged(warehouse, "Anhai reserve", ANHAI, 24.70, 118.45, "QUILT",
                500));
        Eventually.until(() -> item(JINJIANG, "unit", unit) != null && item(JINJIANG, "warehouse", warehouse) != null,
                WAIT, "Jinjiang's unit and warehouse on its picture");
        PictureEvents.send(PictureEvents.reported(incident, LICHENG_STREET, "III", "Haibin warehouse fire"));

        try (ScreenClient jinjiang = ScreenClient.connect(ws(), JINJIANG)) {
            jinjiang.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            PictureEvents.send(step("dispatch.mutual-aid-requested", incident, unitsRequest, "REQUESTED"));
            PictureEvents.send(step("dispatch.mutual-aid-accepted", incident, unitsRequest, "ACCEPTED"));
            ObjectNode assigned = PictureEvents.assigned(incident, unit, "JJ-FIRE-ANHAI-9");
            PictureEvents.send(assigned);

            JsonNode lent = jinjiang.await(m -> unitsRequest.toString().equals(m.path("mutualAid").path("id").asText())
                    && m.path("mutualAid").path("lentUnits").has(unit.toString()), WAIT).path("mutualAid");
            assertEquals("ACCEPTED", lent.path("status").asText());
            assertEquals("UNITS", lent.path("resource").asText());
            assertEquals("Haibin warehouse fire", lent.path("incident").path("title").asText(),
                    "the lender sees the incident as a summary");
            assertTrue(lent.path("lentUnits").path(unit.toString()).path("active").asBoolean());
            assertTrue(jinjiang.received(Duration.ofMillis(300)).stream()
                    .noneMatch(m -> incident.toString().equals(m.path("incident").path("id").asText())),
                    "not the incident itself");
        }

        // Stock: Jinjiang's warehouse supplies the incident under an accepted request.
        PictureEvents.send(stockStep("reserve.mutual-aid-accepted", incident, stockRequest));
        UUID allocation = UUID.randomUUID();
        ObjectNode allocated = PictureEvents.allocated(incident, allocation, "QUILT", 120);
        ((ObjectNode) PictureEvents.data(allocated).get("picks").get(0)).put("warehouseId", warehouse.toString());
        PictureEvents.send(allocated);
        Eventually.until(() -> {
            Map<String, Object> request = item(JINJIANG, "mutualAid", stockRequest);
            return request != null && Integer.valueOf(120).equals(path(request, "lentStock", allocation.toString(),
                    "items", "QUILT"));
        }, WAIT, "the lender's stock at the incident on the request");

        // Licheng sees its incident listing both requests; the prefecture sees them all; a late Jinjiang screen's
        // snapshot holds the requests and not the incident.
        Eventually.until(() -> {
            Response shown = given().header("Authorization", "Bearer " + LICHENG)
                    .get("/api/picture/incidents/" + incident);
            return shown.statusCode() == 200 && shown.path("mutualAid." + unitsRequest + ".status") != null
                    && "ACCEPTED".equals(shown.path("mutualAid." + stockRequest + ".status"));
        }, WAIT, "the incident lists its requests");
        assertTrue(item(LICHENG, "mutualAid", unitsRequest) != null);
        given().header("Authorization", "Bearer " + JINJIANG).get("/api/picture/incidents/" + incident)
                .then().statusCode(404);
        try (ScreenClient late = ScreenClient.connect(ws(), JINJIANG)) {
            // A screen may join at a snapshot made a moment before for another, and be handed what came after it.
            JsonNode snapshot = late.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            List<String> shown = new ArrayList<>(snapshot.path("mutualAids").findValuesAsText("id"));
            late.received(Duration.ofMillis(500)).forEach(m -> shown.add(m.path("mutualAid").path("id").asText()));
            assertTrue(shown.containsAll(List.of(unitsRequest.toString(), stockRequest.toString())),
                    snapshot.path("mutualAids").toString());
            assertFalse(snapshot.path("incidents").findValuesAsText("id").contains(incident.toString()));
        }

        // The unit released goes home: inactive on the request.
        ObjectNode released = PictureEvents.example("dispatch.released", incident);
        PictureEvents.data(released).put("incidentId", incident.toString())
                .put("assignmentId", UUID.randomUUID().toString()).put("unitId", unit.toString());
        PictureEvents.send(released);
        Eventually.until(() -> Boolean.FALSE.equals(path(item(JINJIANG, "mutualAid", unitsRequest), "lentUnits",
                unit.toString(), "active")), WAIT, "the lent unit released");
    }

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    private static ObjectNode step(String type, UUID incident, UUID request, String status) {
        ObjectNode event = PictureEvents.example(type, incident);
        PictureEvents.data(event).put("incidentId", incident.toString()).put("requestId", request.toString())
                .put("requestingJurisdiction", "350502").put("lendingJurisdiction", "350582").put("status", status);
        return event;
    }

    private static ObjectNode stockStep(String type, UUID incident, UUID request) {
        return step(type, incident, request, "ACCEPTED");
    }

    /** An item of the picture as the token's holder is shown it over HTTP, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(String token, String kind, UUID id) {
        List<Map<String, Object>> items = given().header("Authorization", "Bearer " + token)
                .get("/api/picture?limit=5000&kinds=" + kind).then().statusCode(200).extract().path(kind + "s");
        return items.stream().filter(i -> id.toString().equals(i.get("id"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> from, String... fields) {
        Object at = from;
        for (String field : fields) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = ((Map<String, Object>) map).get(field);
        }
        return at;
    }
}
