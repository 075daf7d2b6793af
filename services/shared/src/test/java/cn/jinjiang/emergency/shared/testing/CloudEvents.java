package cn.jinjiang.emergency.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A record read back from a topic, as the CloudEvent it carries: its type and its data, for a test's assertions. */
public final class CloudEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    public static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String type(ConsumerRecord<String, String> record) {
        return read(record).path("type").asText();
    }

    public static JsonNode data(ConsumerRecord<String, String> record) {
        return read(record).path("data");
    }

    /** Whether the record carries an event of {@code type} whose data names {@code value} in {@code field}. */
    public static boolean is(ConsumerRecord<String, String> record, String type, String field, String value) {
        JsonNode event = read(record);
        return type.equals(event.path("type").asText()) && value.equals(event.path("data").path(field).asText());
    }
}
