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
}
