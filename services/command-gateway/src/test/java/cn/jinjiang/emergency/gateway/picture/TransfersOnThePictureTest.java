package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A typhoon transfer on the picture: a warning for Shenhu about no incident, a transfer of two of its villages, a
 * count, the town's acknowledgement and a shelter opened for the transfer come from two topics; a screen filtered to
 * Shenhu is shown the warning's per-town figures add up, a screen filtered to another town is shown nothing of it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class TransfersOnThePictureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SHENHU = "350582107000";
    private static final String COMMUNITY = "350582107001";
    private static final String YUNHUO = "350582107201";
    private static final String VIEWER = TestTokens.token("viewer", null);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Test
    void aTownsFiguresAddUpFromTheTransferItsShelterAndItsAcknowledgement() {
        UUID warning = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        UUID shelter = UUID.randomUUID();
        try (ScreenClient shenhu = ScreenClient.connect(ws("area=" + SHENHU), VIEWER);
             ScreenClient cizao = ScreenClient.connect(ws("area=" + PictureEvents.CIZAO), VIEWER)) {
            shenhu.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            cizao.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);

            ObjectNode issued = PictureEvents.example("warning.issued", warning);
            PictureEvents.data(issued).put("warningId", warning.toString()).putNull("incidentId")
                    .putArray("areaCodes").add(SHENHU);
            PictureEvents.send(issued);
            ObjectNode ordered = about("transfer.ordered", warning, transfer);
            ObjectNode areas = PictureEvents.data(ordered).putArray("areas").addObject();
            areas.put("areaCode", COMMUNITY).put("townCode", SHENHU).put("planned", 100).put("vulnerable", 20)
                    .put("responsible", "王建国");
            ((ArrayNode) PictureEvents.data(ordered).get("areas")).addObject()
                    .put("areaCode", YUNHUO).put("townCode", SHENHU).put("planned", 50).put("vulnerable", 5)
                    .put("responsible", "陈志明");
            PictureEvents.send(ordered);
            ObjectNode counted = about("transfer.progress-reported", warning, transfer);
            PictureEvents.data(counted).put("areaCode", COMMUNITY).put("townCode", SHENHU).put("planned", 100)
                    .put("moved", 60).put("remaining", 35).put("refused", 5).put("vulnerableMoved", 15);
            PictureEvents.send(counted);
            ObjectNode overdue = about("transfer.overdue", warning, transfer);
            PictureEvents.data(overdue).put("areaCode", YUNHUO).put("townCode", SHENHU).put("planned", 50)
                    .put("moved", 0).put("remaining", 50).put("refused", 0).put("vulnerableMoved", 0);
            PictureEvents.send(overdue);
            ObjectNode acknowledged = PictureEvents.example("warning.acknowledged", warning);
            PictureEvents.data(acknowledged).put("warningId", warning.toString()).putNull("incidentId")
                    .put("areaCode", SHENHU);
            PictureEvents.send(acknowledged);
            ObjectNode opened = PictureEvents.shelter("shelter.opened", shelter, null, COMMUNITY, 24.64, 118.68,
                    300, 0);
            PictureEvents.data(opened).put("warningId", warning.toString()).put("transferId", transfer.toString());
            ObjectNode filled = PictureEvents.shelter("shelter.occupancy-changed", shelter, null, COMMUNITY, 24.64,
                    118.68, 300, 60);
            PictureEvents.data(filled).put("warningId", warning.toString()).put("transferId", transfer.toString())
                    .put("arrived", 60).put("left", 0);
            PictureEvents.send(opened);
            PictureEvents.send(filled);

            JsonNode town = shenhu.await(m -> warning.toString().equals(m.path("warning").path("id").asText())
                    && m.path("warning").path("towns").path(SHENHU).path("inShelters").asInt() == 60
                    && m.path("warning").path("towns").path(SHENHU).path("acknowledged").asBoolean()
                    && m.path("warning").path("towns").path(SHENHU).path("overdueAreas").asInt() == 1, WAIT)
                    .path("warning").path("towns").path(SHENHU);
            assertEquals(150, town.path("ordered").asInt());
            assertEquals(60, town.path("moved").asInt());
            assertEquals(85, town.path("remaining").asInt());
            assertEquals(5, town.path("refused").asInt());
            assertEquals(15, town.path("vulnerableMoved").asInt());
            assertEquals(240, town.path("freePlaces").asInt());
            assertEquals(1, town.path("shelters").asInt());
            assertTrue(cizao.received(Duration.ofMillis(500)).stream()
                    .noneMatch(m -> warning.toString().equals(m.path("warning").path("id").asText())),
                    "another town's screen is shown nothing of it");
        }

        // The same over HTTP, and a shelter closed leaves the town's figures; the transfer closed stays counted.
        ObjectNode closed = PictureEvents.shelter("shelter.closed", shelter, null, COMMUNITY, 24.64, 118.68, 300, 0);
        PictureEvents.data(closed).put("warningId", warning.toString()).put("transferId", transfer.toString());
        PictureEvents.send(closed);
        ObjectNode ended = about("transfer.closed", warning, transfer);
        PictureEvents.send(ended);
        Eventually.until(() -> {
            Map<String, Object> item = warningItem(warning);
            return item != null && "CLOSED".equals(path(item, "transfers", transfer.toString(), "status"))
                    && Integer.valueOf(0).equals(path(item, "towns", SHENHU, "shelters"));
        }, WAIT, "the shelter closed and the transfer ended on the warning");
        Map<String, Object> item = warningItem(warning);
        assertEquals(150, path(item, "towns", SHENHU, "ordered"));
        assertEquals(0, path(item, "towns", SHENHU, "inShelters"));
        assertFalse(((Map<?, ?>) item.get("shelters")).containsKey(shelter.toString()));
    }

    private URI ws(String query) {
        return URI.create(feed.toString().replaceFirst("^http", "ws") + "?" + query);
    }

    private static ObjectNode about(String type, UUID warning, UUID transfer) {
        ObjectNode event = PictureEvents.example(type, warning);
        PictureEvents.data(event).put("warningId", warning.toString()).put("transferId", transfer.toString())
                .putNull("incidentId");
        return event;
    }

    private static Map<String, Object> warningItem(UUID warning) {
        List<Map<String, Object>> items = given().header("Authorization", "Bearer " + VIEWER)
                .get("/api/picture?limit=5000&kinds=warning&area=" + SHENHU).then().statusCode(200)
                .extract().path("warnings");
        return items.stream().filter(i -> warning.toString().equals(i.get("id"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> item, String... keys) {
        Object value = item;
        for (String key : keys) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }
}
