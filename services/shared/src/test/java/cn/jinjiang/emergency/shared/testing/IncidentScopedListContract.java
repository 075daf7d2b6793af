package cn.jinjiang.emergency.shared.testing;

import cn.jinjiang.emergency.shared.contract.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;

/**
 * The behaviour every per-incident list endpoint of a consuming service shares (a warning list, an allocation
 * list): 404 until the service has heard of the incident from incident-events, then the list; 404 for a command
 * centre of another jurisdiction.
 */
public abstract class IncidentScopedListContract implements OperationsChecks {

    /** A street of Licheng district: another jurisdiction than Jinjiang's. */
    private static final String LICHENG_STREET = "350502001000";

    /** The list's path for an incident, e.g. /api/incidents/{id}/warnings. */
    protected abstract String path(UUID incident);

    /** A role, besides the command centre's, that may read the list. */
    protected abstract String readerRole();

    /** A role that may not read the list at all: refused (403) whatever the incident. */
    protected String outsiderRole() {
        return "duty-officer";
    }

    @Test
    void listIsEmptyOnceTheIncidentIsKnownAnd404Before() {
        UUID incident = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(readerRole()))
                .when().get(path(incident))
                .then().statusCode(404).contentType("application/problem+json");

        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS,
                incident.toString(), SampleEvents.incidentReported(UUID.randomUUID(), incident, "Hillside slip"));

        Eventually.until(() -> given().header("Authorization", TestTokens.bearer(readerRole()))
                .when().get(path(incident)).statusCode() == 200, Duration.ofSeconds(20), "incident becoming known");
        given().header("Authorization", TestTokens.bearer("commander"))
                .when().get(path(incident))
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void anotherJurisdictionsIncidentIsUnknownToACommandCentre() throws Exception {
        UUID incident = UUID.randomUUID();
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = (ObjectNode) json.readTree(SampleEvents.incidentReported(UUID.randomUUID(), incident,
                "Fire in a Licheng street"));
        ((ObjectNode) event.get("data")).put("areaCode", LICHENG_STREET);
        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, incident.toString(),
                json.writeValueAsString(event));
        Eventually.until(() -> given().header("Authorization", TestTokens.in("350502", "commander"))
                .when().get(path(incident)).statusCode() == 200, Duration.ofSeconds(20), "incident becoming known");

        given().header("Authorization", TestTokens.in("350582", "commander"))
                .when().get(path(incident))
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.in("350500", "viewer"))
                .when().get(path(incident))
                .then().statusCode(200);
    }

    @Test
    void callersOutsideTheCommandChainAreRefused() {
        given().when().get(path(UUID.randomUUID()))
                .then().statusCode(401).contentType("application/problem+json");
        String outsider = outsiderRole();
        given().header("Authorization", TestTokens.bearer(outsider, "duty-officer".equals(outsider) ? "350582100000"
                        : null))
                .when().get(path(UUID.randomUUID()))
                .then().statusCode(403).contentType("application/problem+json");
    }
}
