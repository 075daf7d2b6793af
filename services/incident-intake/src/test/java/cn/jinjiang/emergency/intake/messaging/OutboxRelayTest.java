package cn.jinjiang.emergency.intake.messaging;

import cn.jinjiang.emergency.shared.config.Retention;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.outbox.OutboxRelay;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.KafkaBroker;
import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay against the real broker and database. The relay's periodic pass is set to an hour for the tests
 * (application.properties), so anything published within seconds was woken by a commit. Apart from the wake-up tests,
 * which report through the API, rows are written straight into outbox_event, as a service's transaction would, and
 * the relay is then woken as that commit would wake it, so each test controls exactly what is pending.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = OutboxRelayTest.DATABASE))
class OutboxRelayTest {

    static final String DATABASE = "incident_intake_test";

    @Inject
    Retention retention;

    @Inject
    OutboxRelay relay;

    private static KafkaBroker broker() {
        return RealInfrastructure.broker();
    }

    @Test
    void aReportsCommitWakesTheRelay() {
        try (TopicReader topic = new TopicReader(broker(), Topics.INCIDENT_EVENTS)) {
            long posted = System.nanoTime();
            String id = report();
            topic.await(r -> id.equals(r.key()), Duration.ofSeconds(5));
            long millis = (System.nanoTime() - posted) / 1_000_000;
            assertTrue(millis < 3_000, "published " + millis + " ms after the report, far sooner than any poll");
        }
    }

    @Test
    void aRelayWokenWhileAnotherInstanceHoldsTheRelayLockPublishesOnceItIsFree() throws SQLException {
        try (TopicReader topic = new TopicReader(broker(), Topics.INCIDENT_EVENTS);
             Connection otherInstance = connect()) {
            String id;
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
                id = report();
                assertTrue(topic.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> id.equals(r.key())),
                        "published while another instance's pass held the relay lock");
            } finally {
                try (PreparedStatement unlock = otherInstance.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    unlock.execute();
                }
            }
            long released = System.nanoTime();
            topic.await(r -> id.equals(r.key()), Duration.ofSeconds(5));
            long millis = (System.nanoTime() - released) / 1_000_000;
            assertTrue(millis < 3_000, "published " + millis + " ms after the lock was released");
        }
    }

    private static String report() {
        return given().header("Authorization", TestTokens.bearer("duty-officer", "350582100000"))
                .contentType(ContentType.JSON)
                .body("""
                        {"type": "WATERLOGGING", "title": "Relay wake-up probe", "areaCode": "350582100000",
                         "location": {"latitude": 24.7189, "longitude": 118.4601}, "occurredAt": "%s"}"""
                        .formatted(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
                .when().post("/api/incidents")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void eachKeysOrderSurvivesABrokerRestartAndFailedAttemptsAreKept() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (TopicReader topic = new TopicReader(broker(), Topics.INCIDENT_EVENTS)) {
            insertPending(first, sequence(0, 10));
            relay.wake();
            topic.await(r -> first.equals(r.key()) && r.value().contains("\"seq\":9"), Duration.ofSeconds(10));
            // Seen on the topic is not yet acknowledged to the relay: a kill before the ack would leave a row pending.
            Eventually.until(() -> pendingFor(first) == 0, Duration.ofSeconds(10), "the first rows marked published");

            broker().kill();
            try {
                for (int seq = 10; seq < 40; seq += 10) {
                    insertPending(first, sequence(seq, seq + 10));
                    insertPending(second, sequence(seq, seq + 10));
                    relay.wake();
                }
                Eventually.until(() -> failedAttempts(first) > 0, Duration.ofSeconds(40),
                        "a failed attempt being counted with its error while the broker is away");
                assertEquals(30, pendingFor(first), "nothing is marked published while the broker is away");
            } finally {
                broker().start();
            }
            topic.await(r -> first.equals(r.key()) && r.value().contains("\"seq\":39"), Duration.ofSeconds(60));
            topic.await(r -> second.equals(r.key()) && r.value().contains("\"seq\":39"), Duration.ofSeconds(60));
            assertInOrder(topic.drain(Duration.ofMillis(500)), first, 40);
            assertInOrder(topic.drain(Duration.ZERO), second, 30);
        }
        Eventually.until(() -> pendingFor(first) + pendingFor(second) == 0, Duration.ofSeconds(10),
                "every row being marked published after the restart");
        assertEquals(0, queryLong("SELECT count(*) FROM outbox_event WHERE record_key = ? AND last_error IS NOT NULL",
                first), "a published row no longer carries an error");
    }

    @Test
    void publishedRowsArePurgedOnceTheirRetentionEndsPendingOnesNever() {
        String key = UUID.randomUUID().toString();
        execute("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, created_at, published_at)
                SELECT gen_random_uuid(), 'incident-events', ?, 'test.old', '{}', now() - interval '9 days',
                       now() - interval '8 days' FROM generate_series(1, 5)""", key);
        execute("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, created_at, published_at)
                VALUES (gen_random_uuid(), 'incident-events', ?, 'test.recent', '{}', now() - interval '2 days',
                        now() - interval '1 day')""", key);

        long purged = retention.purgePublishedEvents().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged >= 5, "purged " + purged);
        assertEquals(0, queryLong("SELECT count(*) FROM outbox_event WHERE record_key = ? AND event_type = 'test.old'",
                key));
        assertEquals(1, queryLong(
                "SELECT count(*) FROM outbox_event WHERE record_key = ? AND event_type = 'test.recent'", key));
    }

    private static void assertInOrder(List<ConsumerRecord<String, String>> records, String key, int expected) {
        List<Integer> seqs = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (key.equals(record.key())) {
                int seq = Integer.parseInt(record.value().replaceAll("\\D", ""));
                if (!seqs.contains(seq)) {
                    seqs.add(seq); // a republished record after the restart is a duplicate, which consumers drop
                }
            }
        }
        List<Integer> sorted = new ArrayList<>(seqs);
        sorted.sort(null);
        assertEquals(sorted, seqs, "records of key " + key + " in commit order");
        assertEquals(expected, seqs.size(), "every record of key " + key + " published");
    }

    private static List<String> sequence(int from, int to) {
        List<String> payloads = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            payloads.add("{\"seq\":" + seq + "}");
        }
        return payloads;
    }

    /** One committed transaction, as a service's state change would write it. */
    private static void insertPending(String key, List<String> payloads) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, created_at)
                    VALUES (?, 'incident-events', ?, 'test.sequence', ?, now())""")) {
                for (String payload : payloads) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, key);
                    insert.setString(3, payload);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pendingFor(String key) {
        return queryLong("SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL", key);
    }

    private static long failedAttempts(String key) {
        return queryLong("SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL "
                + "AND attempts > 0 AND last_error IS NOT NULL", key);
    }

    private static long queryLong(String query, String key) {
        try (Connection connection = connect(); PreparedStatement sql = connection.prepareStatement(query)) {
            sql.setString(1, key);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String statement, String key) {
        try (Connection connection = connect(); PreparedStatement sql = connection.prepareStatement(statement)) {
            sql.setString(1, key);
            sql.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresDatabase.testJdbcUrl(DATABASE), PostgresDatabase.USER,
                PostgresDatabase.PASSWORD);
    }
}
