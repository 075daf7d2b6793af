package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
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
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.CIZAO;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.DONGSHI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A possible duplicate names another incident, so a screen shows the link only to viewers who may see that incident:
 * a Cizao duty officer's picture carries no link to a Dongshi incident, a commander's carries every link. Over the
 * feed, in a snapshot and over HTTP alike.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class DuplicateLinksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    private static ObjectNode linked(UUID incident, String area, List<Object[]> links) {
        ObjectNode event = PictureEvents.reported(incident, area, "IV", "Kiln collapse " + incident);
        ArrayNode list = PictureEvents.data(event).putArray("possibleDuplicates");
        for (Object[] link : links) {
            list.addObject().put("incidentId", link[0].toString()).put("areaCode", (String) link[1])
                    .put("distanceMeters", 35.5);
        }
        return event;
    }

    /** The ids an incident as shown links to (none when it shows no links at all). */
    private static List<String> links(JsonNode incident) {
        List<String> ids = new ArrayList<>();
        incident.path("possibleDuplicates").forEach(link -> ids.add(link.path("incidentId").asText()));
        return ids;
    }

    private static JsonNode incidentOn(JsonNode message, UUID id) {
        return message.path("incident").path("id").asText().equals(id.toString()) ? message.path("incident") : null;
    }

    @Test
    void aCizaoOfficerSeesNoLinkToADongshiIncidentWhileACommanderSeesThemAll() {
        UUID dongshi = UUID.randomUUID();
        UUID cizaoFirst = UUID.randomUUID();
        UUID cizao = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        String cizaoOfficer = TestTokens.token("duty-officer", CIZAO);
        try (ScreenClient officer = ScreenClient.connect(ws(), cizaoOfficer);
             ScreenClient commander = ScreenClient.connect(ws(), TestTokens.token("commander", null))) {
            officer.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            commander.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);

            PictureEvents.send(PictureEvents.reported(dongshi, DONGSHI, "IV", "Dongshi kiln"));
            PictureEvents.send(PictureEvents.reported(cizaoFirst, CIZAO, "IV", "Cizao kiln"));
            // Recorded before links carried their incident's area: a bare id, whose area no screen can tell.
            ObjectNode bare = PictureEvents.reported(older, CIZAO, "IV", "Linked the old way");
            PictureEvents.data(bare).putArray("possibleDuplicates").add(dongshi.toString());
            PictureEvents.send(bare);
            PictureEvents.send(linked(cizao, CIZAO, List.of(new Object[] {dongshi, DONGSHI},
                    new Object[] {cizaoFirst, CIZAO})));

            JsonNode officerOlder = incidentOn(officer.await(m -> incidentOn(m, older) != null, WAIT), older);
            assertEquals(List.of(), links(officerOlder), officerOlder.toString());
            JsonNode officerCizao = incidentOn(officer.await(m -> incidentOn(m, cizao) != null, WAIT), cizao);
            assertEquals(List.of(cizaoFirst.toString()), links(officerCizao), officerCizao.toString());

            JsonNode commanderOlder = incidentOn(commander.await(m -> incidentOn(m, older) != null, WAIT), older);
            assertEquals(List.of(dongshi.toString()), links(commanderOlder), commanderOlder.toString());
            JsonNode commanderCizao = incidentOn(commander.await(m -> incidentOn(m, cizao) != null, WAIT), cizao);
            assertEquals(List.of(dongshi.toString(), cizaoFirst.toString()), links(commanderCizao));
            assertEquals(DONGSHI, commanderCizao.path("possibleDuplicates").path(0).path("areaCode").asText());
        }

        // A screen joining now: the snapshot is held to the same rule.
        try (ScreenClient late = ScreenClient.connect(ws(), cizaoOfficer)) {
            JsonNode snapshot = late.await(m -> "snapshot".equals(m.path("kind").asText()), WAIT);
            for (JsonNode incident : snapshot.path("incidents")) {
                if (incident.path("id").asText().equals(cizao.toString())) {
                    assertEquals(List.of(cizaoFirst.toString()), links(incident), incident.toString());
                }
                if (incident.path("id").asText().equals(older.toString())) {
                    assertEquals(List.of(), links(incident), incident.toString());
                }
            }
        }

        // Over HTTP: the picture and the one incident.
        JsonPath officerPicture = given().header("Authorization", "Bearer " + cizaoOfficer)
                .get("/api/picture").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(cizaoFirst.toString()), officerPicture.getList(
                "incidents.find { it.id == '" + cizao + "' }.possibleDuplicates.incidentId"));
        assertEquals(List.of(cizaoFirst.toString()), given().header("Authorization", "Bearer " + cizaoOfficer)
                .get("/api/picture/incidents/" + cizao).then().statusCode(200).extract().jsonPath()
                .getList("possibleDuplicates.incidentId"));
        assertEquals(List.of(), given().header("Authorization", "Bearer " + cizaoOfficer)
                .get("/api/picture/incidents/" + older).then().statusCode(200).extract().jsonPath()
                .getList("possibleDuplicates.incidentId"));
        assertEquals(List.of(dongshi.toString(), cizaoFirst.toString()),
                given().header("Authorization", TestTokens.bearer("commander")).get("/api/picture")
                        .then().statusCode(200).extract().jsonPath().getList(
                                "incidents.find { it.id == '" + cizao + "' }.possibleDuplicates.incidentId"));
    }
}
