package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.CIZAO;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The first report's situation, measures taken and contact phone, as the picture shows them. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class FirstReportOnThePictureTest {

    @Test
    void theFirstReportLineCarriesTheSituationTheMeasuresAndTheNumberForThoseWhoMaySeeIt() {
        UUID incident = UUID.randomUUID();
        ObjectNode reported = PictureEvents.reported(incident, ANHAI, "III", "Underpass flooded");
        PictureEvents.data(reported).put("situation", "Two cars stranded in 1.2 m of water")
                .put("actionsTaken", "Underpass closed at both ends").put("contactPhone", "13905951234");
        PictureEvents.send(reported);

        Eventually.until(() -> given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                        .get("/api/picture/incidents/" + incident).statusCode() == 200,
                Duration.ofSeconds(30), "the first report on the picture");
        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .get("/api/picture/incidents/" + incident).then().statusCode(200)
                .body("reports.1.kind", equalTo("FIRST"))
                .body("reports.1.situation", equalTo("Two cars stranded in 1.2 m of water"))
                .body("reports.1.actionsTaken", equalTo("Underpass closed at both ends"))
                .body("reports.1.contactPhone", equalTo("13905951234"));
        // Who may not see the incident sees neither it nor the reporter's number.
        given().header("Authorization", TestTokens.bearer("duty-officer", CIZAO))
                .get("/api/picture/incidents/" + incident).then().statusCode(404);
    }
}
