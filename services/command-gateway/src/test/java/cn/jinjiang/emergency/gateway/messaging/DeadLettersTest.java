package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.DeadLetterScript;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every dead-letter topic's depth, as the operator page and the metrics show it (read with the gateway's own login,
 * which the broker lets describe each one): a poison record the gateway parks counts at once, a replay takes the
 * count down, a replayed good event reaches the picture, and a replayed poison record is parked and counted again.
 */
// In messaging, not api: it warms the JVM, and PicturePagingTest needs its reads slow enough to overlap, as they are
// in the first class after the start.
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class DeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter(Topics.INCIDENT_EVENTS);

    @Test
    void everyDeadLetterTopicCountsWhatWaitsUntilItIsReplayed() {
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/dead-letters")
                .then().statusCode(200)
                .body("topic", contains(Topics.ALL.stream().map(Topics::deadLetter).toArray()));
        Eventually.until(() -> shown() != null, WAIT, "the first read of the depths");
        long before = shown();

        TopicReader.send(RealInfrastructure.broker(), Topics.INCIDENT_EVENTS, UUID.randomUUID().toString(),
                "{not json, parked by the gateway");
        awaitDepth(before + 1);
        Eventually.until(() -> Long.valueOf(before + 1).equals(metric()), WAIT, "the gauge counting it");

        // A good event parked earlier (by a cause since fixed) goes back with the replay and is applied.
        UUID incident = UUID.randomUUID();
        ObjectNode reported = PictureEvents.reported(incident, PictureEvents.ANHAI, "III", "Parked, then replayed");
        DeadLetterScript.deadLetter("command-gateway", Topics.INCIDENT_EVENTS, incident.toString(),
                PictureEvents.write(reported), reported.path("id").asText(), 0, 1_000_000);
        awaitDepth(before + 2);

        DeadLetterScript.run("replay", Topics.INCIDENT_EVENTS);

        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("dispatcher"))
                .get("/api/picture/incidents/" + incident).statusCode() == 200, WAIT, "the replayed incident");
        given().header("Authorization", TestTokens.bearer("dispatcher")).get("/api/picture/incidents/" + incident)
                .then().body("title", equalTo("Parked, then replayed"));
        // What was poison is poison still: parked again, with its reason, and counted again.
        awaitDepth(before + 1);
        Eventually.until(() -> Long.valueOf(before + 1).equals(metric()), WAIT, "the gauge after the replay");
    }

    @Test
    void theDepthsNeedAToken() {
        given().get("/api/dead-letters").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("broadcast-system")).get("/api/dead-letters")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static void awaitDepth(long depth) {
        Eventually.until(() -> Long.valueOf(depth).equals(shown()), WAIT, DLQ + " showing " + depth);
    }

    /** incident-events.dlq's depth on the operator page's endpoint; null until first read. */
    private static Long shown() {
        Response response = given().header("Authorization", TestTokens.bearer("viewer")).get("/api/dead-letters");
        List<Object> depths = response.jsonPath().getList("findAll { it.topic == '" + DLQ + "' }.depth");
        return depths.isEmpty() || depths.get(0) == null ? null : ((Number) depths.get(0)).longValue();
    }

    private static Long metric() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher gauge = Pattern.compile("(?m)^emergency_dlq_depth\\{topic=\"" + Pattern.quote(DLQ) + "\"} (\\S+)$")
                .matcher(metrics);
        return gauge.find() ? (long) Double.parseDouble(gauge.group(1)) : null;
    }
}
