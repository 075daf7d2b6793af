package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static cn.jinjiang.emergency.shared.testing.RequestLimitChecks.untilClosed;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One caller holds at most emergency.http.max-in-flight-per-principal (8 in this profile) of the 12 API slots, so a
 * client that sends headers and never the body cannot lock everybody else out; and such a request is answered 408
 * once emergency.http.body-timeout (10 s, as in production) has passed, its connection closed and its slot given back. A caller is
 * known by the verified sub of its token, so a forged token naming somebody does not count against them.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class RequestSharesTest {

    private static final String GREEDY = TestTokens.bearerFor("dispatcher", "dispatcher-greedy");

    @TestHTTPResource("/")
    URL base;

    /**
     * A report that is not JSON: 400 once admitted, before anything waits for the database (which other suites on
     * the machine may keep busy), or 503 if shed.
     */
    private static int status(String authorization) {
        return given().header("Authorization", authorization).contentType("application/json").body("not json")
                .when().post("/api/incidents").then().extract().statusCode();
    }

    /**
     * Nine of one caller's reports, each with its body held back: whichever eight the service reads first hold the
     * caller's share, and the ninth is shed at once ({@link HeldReports}).
     */
    @Test
    void oneCallerHoldsAtMostItsShareOthersGetThroughAndUnfinishedBodiesAreAnswered408() throws Exception {
        long start = System.nanoTime();
        try (HeldReports held = new HeldReports(base, Collections.nCopies(9, GREEDY))) {
            Eventually.until(() -> held.answered() > 0, Duration.ofSeconds(5), "one of nine held reports shed");
            String shed = held.takeAnswered();
            assertTrue(shed.startsWith("HTTP/1.1 503"), shed);
            assertTrue(shed.toLowerCase().contains("\r\nretry-after: 1\r\n"), shed);
            assertTrue(shed.toLowerCase().contains("content-type: application/problem+json"), shed);
            assertTrue(shed.contains("already has 8 requests open"), shed);
            // The eight are still held: the caller's next report is shed too.
            assertEquals(503, status(GREEDY));
            assertEquals(0, held.answered(), "the eight held reports are still waiting for their bodies");
            // Everybody else still gets through: another person with the same role, and another role.
            assertEquals(400, status(TestTokens.bearerFor("dispatcher", "dispatcher-patient")));
            assertEquals(400, status(TestTokens.bearer("commander")));
            // A token that only claims to be the greedy caller is not counted as them (it would be shed, 503): it
            // counts with the other unauthenticated requests, and is refused as any invalid token is.
            assertEquals(401, status(TestTokens.forgedFor("dispatcher", "dispatcher-greedy")));

            for (Socket socket : held.sockets()) {
                String answer = untilClosed(socket, Duration.ofSeconds(20));
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                assertTrue(answer.contains("did not arrive within 10 s"), answer);
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(9)) > 0,
                    "answered 408 before the body timeout had passed");
        }
        Eventually.until(() -> status(GREEDY) == 400, Duration.ofSeconds(10), "the caller's share given back");
    }

    @Test
    void aBodyThatArrivesSlowlyButInTimeIsAnsweredAsUsual() throws Exception {
        try (HeldReports held = new HeldReports(base, List.of(TestTokens.bearer("dispatcher")))) {
            Socket socket = held.sockets().get(0);
            Thread.sleep(2000);
            socket.getOutputStream().write('}');
            socket.getOutputStream().flush();
            socket.setSoTimeout(20_000);
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, head.length);
            // An empty report: the fields it lacks are named, as for any other client.
            assertEquals("HTTP/1.1 400", new String(head, 0, read, StandardCharsets.US_ASCII));
        }
    }
}
