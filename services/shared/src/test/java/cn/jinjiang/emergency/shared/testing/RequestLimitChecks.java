package cn.jinjiang.emergency.shared.testing;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Roles;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared request limits, checked in the service under test ({@link OperationsChecks}): they are plumbing of
 * services/shared, and a service that lost them (a route installed before theirs, a bean removed) would show it here.
 */
public final class RequestLimitChecks {

    private RequestLimitChecks() {
    }

    /** A request URI over emergency.http.max-uri-length is refused as problem+json before anything reads it. */
    static void uriTooLongIsRefused() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).when().get("/api/" + "a".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json");
    }

    /**
     * An authorised POST whose body never arrives is answered 408 once emergency.http.body-timeout has passed, and its
     * connection closed. Services without a POST endpoint have nothing that waits for a body.
     */
    static void bodyThatNeverArrivesIsAnswered408(Map<String, String> endpointPermissions) throws IOException {
        Optional<Map.Entry<String, String>> post = endpointPermissions.entrySet().stream()
                .filter(endpoint -> endpoint.getKey().startsWith("POST ")).min(Map.Entry.comparingByKey());
        if (post.isEmpty()) {
            return;
        }
        String path = post.get().getKey().substring("POST ".length()).replaceAll("\\{[^}]+}", UUID.randomUUID()
                .toString());
        // A role that sees every area and needs no unit claim, so its token is accepted as it is.
        String role = AccessPolicy.rolesWith(post.get().getValue()).stream()
                .filter(r -> !r.equals(Roles.DUTY_OFFICER) && !r.equals(Roles.RESCUE_UNIT)).findFirst().orElseThrow();
        Duration timeout = ConfigProvider.getConfig().getOptionalValue("emergency.http.body-timeout", Duration.class)
                .orElse(Duration.ofSeconds(10));
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + TestTokens.bearer(role) + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = untilClosed(socket, timeout.plusSeconds(15));
            assertTrue(answer.startsWith("HTTP/1.1 408"), path + " as " + role + ": " + answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout.minusSeconds(1)) > 0,
                "408 before the body timeout had passed");
    }

    /** Everything the server sends until it closes the connection; fails if it keeps it open beyond the timeout. */
    public static String untilClosed(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            fail("the connection is still open after " + timeout + "; received: " + answer);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
