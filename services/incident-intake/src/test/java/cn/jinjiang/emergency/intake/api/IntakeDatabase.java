package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.PostgresDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reads the test database directly, to check what a request did or did not leave behind. */
final class IntakeDatabase {

    static final String NAME = "incident_intake_test";

    /** The outbox rows of first reports, for {@link #count}. */
    static final String FIRST_REPORT_EVENTS = "outbox_event WHERE event_type = 'incident.reported'";

    /** Whether a record read from incident-events is a first report's (its ce_type header). */
    static boolean isFirstReport(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("ce_type");
        return type != null && "incident.reported".equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    private IntakeDatabase() {
    }

    static long count(String table) {
        return PostgresDatabase.countRows(NAME, table);
    }
}
