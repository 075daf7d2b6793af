package cn.jinjiang.emergency.shared.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/dlq.sh} run as an operator runs it, pointed at the test broker, and dead letters written the way
 * a consumer's dead-letter strategy writes them.
 */
public final class DeadLetterScript {

    private DeadLetterScript() {
    }

    /** Runs the script with the given arguments; its output (stdout and stderr) if it exits 0, else fails. */
    public static String run(String... args) {
        KafkaBroker broker = RealInfrastructure.broker();
        List<String> command = new ArrayList<>(List.of("bash",
                RepositoryRoot.get().resolve("deploy/local/dlq.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DLQ_BOOTSTRAP", broker.bootstrapServers());
        builder.environment().put("DLQ_ADMIN_CONFIG", broker.adminConfig().toString());
        builder.environment().put("DLQ_CREDENTIALS_DIR", broker.credentialsDir().toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("dlq.sh " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run dlq.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The depth {@code dlq.sh depth} reports for a topic's dead-letter topic. */
    public static long depth(String topic) {
        String deadLetters = topic + ".dlq";
        for (String line : run("depth").split("\n")) {
            if (line.startsWith(deadLetters + " ")) {
                return Long.parseLong(line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        throw new AssertionError("dlq.sh depth does not list " + deadLetters);
    }

    /**
     * Writes a dead letter as a consumer of the topic does (logged in as {@code consumer}): the original record's
     * key, value and {@code ce_id} header, plus the {@code dead-letter-*} headers naming where it was and why.
     */
    public static void deadLetter(String consumer, String topic, String key, String value, String eventId,
            int partition, long offset) {
        Map<String, Object> config = new HashMap<>(RealInfrastructure.broker().serviceClient(consumer));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", "not JSON: unexpected end".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic + ".dlq", null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write a dead letter to " + topic + ".dlq", e);
        }
    }
}
