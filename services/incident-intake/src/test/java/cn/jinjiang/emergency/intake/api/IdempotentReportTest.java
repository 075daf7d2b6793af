package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.config.Retention;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.ANHAI;
import static cn.jinjiang.emergency.intake.api.IncidentResourceTest.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A phone on a poor network retries; the same Idempotency-Key and report must not become a second incident. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = IntakeDatabase.NAME))
class IdempotentReportTest {

    @Inject
    Retention retention;

    private static ExtractableResponse<Response> post(String role, String area, String key, String body) {
        return given().header("Authorization", TestTokens.bearer(role, area))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/incidents")
                .then().extract();
    }

    @Test
    void aRetryGetsTheFirstAnswerAndReportsNothingNew() {
        String key = UUID.randomUUID().toString();
        String body = report(ANHAI, 24.7189, 1);
        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(),
                Topics.INCIDENT_EVENTS)) {
            ExtractableResponse<Response> first = post("duty-officer", ANHAI, key, body);
            assertEquals(201, first.statusCode());
            String id = first.path("id");
            long incidents = IntakeDatabase.count("incident");

            ExtractableResponse<Response> retry = post("duty-officer", ANHAI, key, body);
            assertEquals(201, retry.statusCode());
            assertEquals(id, retry.path("id"));
            assertEquals(first.header("Location"), retry.header("Location"));
            assertEquals(first.asString(), retry.asString());
            assertEquals(incidents, IntakeDatabase.count("incident"));

            topic.await(r -> id.equals(r.key()), Duration.ofSeconds(10));
            assertEquals(1, topic.drain(Duration.ofSeconds(1)).stream().filter(r -> id.equals(r.key())).count(),
                    "one incident.reported for the report and its retry");
        }
    }

    @Test
    void retriesRacingEachOtherMakeOneIncident() {
        String key = UUID.randomUUID().toString();
        String body = report(ANHAI, 24.7189, 0);
        long incidents = IntakeDatabase.count("incident");
        List<CompletableFuture<ExtractableResponse<Response>>> retries = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post("duty-officer", ANHAI, key, body)))
                .toList();
        Set<String> ids = retries.stream().map(CompletableFuture::join)
                .peek(answer -> assertEquals(201, answer.statusCode(), answer.asString()))
                .map(answer -> answer.<String>path("id"))
                .collect(Collectors.toSet());
        assertEquals(1, ids.size(), "every retry answers with the same incident");
        assertEquals(incidents + 1, IntakeDatabase.count("incident"));
    }

    @Test
    void keysAreForgottenAfterTheirRetentionNotBefore() throws SQLException {
        String caller = "retention-probe-" + UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(PostgresDatabase.testJdbcUrl(IntakeDatabase.NAME),
                PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO idempotency_key (caller, idempotency_key, request_hash, status, body, created_at)
                     VALUES (?, ?, 'h', 201, '{}', now() - ?::interval)""")) {
            for (String[] key : new String[][]{{"old", "8 days"}, {"recent", "1 day"}}) {
                insert.setString(1, caller);
                insert.setString(2, key[0]);
                insert.setString(3, key[1]);
                insert.executeUpdate();
            }
            retention.purgeIdempotencyKeys().await().atMost(Duration.ofSeconds(30));
            try (PreparedStatement left = db.prepareStatement(
                    "SELECT idempotency_key FROM idempotency_key WHERE caller = ?")) {
                left.setString(1, caller);
                try (ResultSet rows = left.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals("recent", rows.getString(1));
                    assertFalse(rows.next(), "the key past its retention is gone");
                }
            }
        }
    }

    @Test
    void theSameKeyForAnotherReportIs422AndKeysAreEachCallersOwn() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post("duty-officer", ANHAI, key, report(ANHAI, 24.7189, 0)).statusCode());
        long incidents = IntakeDatabase.count("incident");

        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 3))
                .when().post("/api/incidents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("Idempotency-Key"));
        assertEquals(incidents, IntakeDatabase.count("incident"));

        // Another caller's key of the same value is another request.
        assertEquals(201, post("dispatcher", null, key, report(ANHAI, 24.7189, 0)).statusCode());
        assertEquals(incidents + 1, IntakeDatabase.count("incident"));

        given().header("Authorization", TestTokens.bearer("duty-officer", ANHAI))
                .header("Idempotency-Key", "not a key")
                .contentType(ContentType.JSON).body(report(ANHAI, 24.7189, 0))
                .when().post("/api/incidents")
                .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }
}
