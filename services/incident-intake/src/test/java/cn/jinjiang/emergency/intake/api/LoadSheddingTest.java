package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Beyond emergency.http.max-in-flight API requests at once (12 in this profile), a request is shed with 503 and
 * Retry-After instead of queueing, and capacity comes back as requests end, including ones whose client went away.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class LoadSheddingTest {

    @TestHTTPResource("/")
    URL base;

    /**
     * A request whose headers have arrived and whose declared body never does: in flight until the socket closes or
     * the body timeout (6 s in this profile) answers it.
     */
    private Socket hanging(String role) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/incidents HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + TestTokens.bearer(role) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static int status() {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/incidents/" + UUID.randomUUID()).then().extract().statusCode();
    }

    @Test
    void requestsBeyondTheLimitAreShedAndCapacityComesBack() throws Exception {
        List<Socket> hanging = new ArrayList<>();
        try {
            // Two callers, 6 each: one caller may hold at most 8 (RequestSharesTest).
            for (int i = 0; i < 6; i++) {
                hanging.add(hanging("dispatcher"));
                hanging.add(hanging("commander"));
            }
            Eventually.until(() -> status() == 503, Duration.ofSeconds(10), "a request shed while 12 are in flight");
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/incidents/" + UUID.randomUUID())
                    .then().statusCode(503).header("Retry-After", equalTo("1"))
                    .contentType("application/problem+json").body("detail", containsString("at capacity"));
            // Operations endpoints are never shed.
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            for (Socket socket : hanging) {
                socket.close();
            }
        }
        Eventually.until(() -> status() == 404, Duration.ofSeconds(10),
                "capacity back once the hanging requests' connections closed");
    }
}
