package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.CIZAO;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** unit.position-changed moves a unit on the picture, in `around` and on its incident's units line. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class UnitPositionOnThePictureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Response get(String path) {
        return given().header("Authorization", TestTokens.bearer("dispatcher")).get(path);
    }

    private static Map<String, Object> unit(UUID unit) {
        List<Map<String, Object>> units = get("/api/picture?kinds=unit").path("units");
        return units.stream().filter(u -> unit.toString().equals(u.get("id"))).findFirst().orElse(null);
    }

    private static double latitude(UUID unit) {
        Map<String, Object> shown = unit(unit);
        return shown == null || !(shown.get("position") instanceof Map<?, ?> p) ? Double.NaN
                : ((Number) p.get("latitude")).doubleValue();
    }

    /** The unit's latitude on its incident's units line, NaN while there is none. */
    private static double lineLatitude(UUID incident, UUID unit) {
        Response response = get("/api/picture/incidents/" + incident);
        Object latitude = response.statusCode() == 200
                ? response.path("units." + unit + ".position.latitude") : null;
        return latitude instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** JSON numbers come back as floats. */
    private static boolean near(double shown, double expected) {
        return Math.abs(shown - expected) < 1e-5;
    }

    @Test
    void aReportedPositionMovesTheUnitAndOnlyANewerOneMovesItAgain() {
        UUID incident = UUID.randomUUID();
        PictureEvents.send(PictureEvents.located(PictureEvents.reported(incident, CIZAO, "III", "Units moving"),
                33.10, 122.30));
        UUID unit = UUID.randomUUID();
        // Listed far off (about 55 km), as the registry last knew it.
        PictureEvents.send(PictureEvents.unitListed(unit, null, "AVAILABLE", 0, 1, 33.60, 122.30));
        Eventually.until(() -> near(latitude(unit), 33.60), WAIT, "the listed unit");

        PictureEvents.send(PictureEvents.positionChanged(unit, null, 3, 33.101, 122.301, Instant.now()));
        Eventually.until(() -> near(latitude(unit), 33.101), WAIT, "the reported position");
        Response around = get("/api/picture/incidents/" + incident + "/around?limit=50");
        List<Map<String, Object>> near = around.path("units");
        Map<String, Object> line = near.stream().filter(u -> unit.toString().equals(u.get("id"))).findFirst()
                .orElseThrow();
        assertTrue(((Number) line.get("distanceKm")).doubleValue() < 1, "around uses the reported position: " + line);

        // An older report read late, and a status change from before the report, leave the position alone.
        PictureEvents.send(PictureEvents.positionChanged(unit, null, 2, 33.50, 122.30, Instant.now().minusSeconds(60)));
        ObjectNode oldStatus = PictureEvents.unitStatus(unit, null, "AVAILABLE", "OUT_OF_SERVICE", 1, 33.60, 122.30);
        PictureEvents.data(oldStatus).put("changedAt", Instant.now().minusSeconds(30).toString());
        PictureEvents.send(oldStatus);
        Eventually.until(() -> unit(unit) != null && "OUT_OF_SERVICE".equals(unit(unit).get("status")), WAIT,
                "the status change");
        assertEquals(33.101, latitude(unit), 1e-5);
        assertEquals(3, ((Number) unit(unit).get("positionVersion")).intValue());
    }

    @Test
    void aBusyUnitsPositionFollowsOnItsIncidentsUnitsLine() {
        UUID incident = UUID.randomUUID();
        PictureEvents.send(PictureEvents.located(PictureEvents.reported(incident, CIZAO, "III", "Unit en route"),
                33.20, 122.40));
        UUID unit = UUID.randomUUID();
        ObjectNode dispatched = PictureEvents.unitStatus(unit, incident, "AVAILABLE", "DISPATCHED", 1, 33.40, 122.40);
        PictureEvents.data(dispatched).put("changedAt", Instant.now().minusSeconds(5).toString());
        PictureEvents.send(dispatched);
        Eventually.until(() -> near(lineLatitude(incident, unit), 33.40), WAIT, "the unit on its incident");

        PictureEvents.send(PictureEvents.positionChanged(unit, incident, 1, 33.30, 122.40, Instant.now()));
        Eventually.until(() -> near(lineLatitude(incident, unit), 33.30), WAIT,
                "the unit's new position on its incident");
        assertEquals(33.30, latitude(unit), 1e-5);
    }
}
