package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.DeadLetterScript;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/local/dlq.sh}, run as an operator would, against a real broker set up like the local stack: a replay
 * puts each dead letter back on its topic once, as it was before a consumer parked it, logged in as the topic's
 * writer, and a second run publishes nothing; {@code depth} and {@code list} show what waits.
 */
class DeadLetterReplayTest {

    private static final String TOPIC = Topics.WARNING_EVENTS;
    private static final String GATEWAY = "command-gateway";

    @Test
    void aReplayPutsEachDeadLetterBackOnceAndASecondRunPublishesNothing() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        long before = DeadLetterScript.depth(TOPIC);
        // The third is the first again: the same original record, parked by a second consumer.
        DeadLetterScript.deadLetter(GATEWAY, TOPIC, first, "{\"first\":true}", "event-of-" + first, 1, 40);
        DeadLetterScript.deadLetter(GATEWAY, TOPIC, second, "{\"second\":true}", "event-of-" + second, 2, 41);
        DeadLetterScript.deadLetter(GATEWAY, TOPIC, first, "{\"first\":true}", "event-of-" + first, 1, 40);
        assertEquals(before + 3, DeadLetterScript.depth(TOPIC));

        try (TopicReader topic = new TopicReader(RealInfrastructure.broker(), TOPIC)) {
            String output = DeadLetterScript.run("replay", TOPIC);
            assertTrue(output.contains("as warning-broadcast (1 copies of a record already replayed skipped)"),
                    output);
            List<ConsumerRecord<String, String>> back = topic.awaitAll(
                    r -> r.key().equals(first) || r.key().equals(second), 2, Duration.ofSeconds(20));
            // Each back under its key, so on its partition; the two keys' partitions are read in no set order.
            assertEquals(Map.of(first, "{\"first\":true}", second, "{\"second\":true}"),
                    back.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value)));
            for (ConsumerRecord<String, String> record : back) {
                assertEquals("event-of-" + record.key(), text(record.headers().lastHeader("ce_id")));
                assertNull(record.headers().lastHeader("dead-letter-reason"));
                assertNull(record.headers().lastHeader("dead-letter-topic"));
            }
            assertEquals(0, DeadLetterScript.depth(TOPIC));

            String again = DeadLetterScript.run("replay", TOPIC);
            assertTrue(again.contains("replayed 0 dead letters"), again);
            List<ConsumerRecord<String, String>> all = topic.drain(Duration.ofSeconds(2));
            assertEquals(2, all.stream().filter(r -> r.key().equals(first) || r.key().equals(second)).count(),
                    "the second run published nothing");
        }
        assertTrue(DeadLetterScript.run("list", TOPIC).contains("0 dead letters of " + TOPIC + " wait"));
    }

    @Test
    void listShowsWhatWaitsWithWhereItWasAndWhy() {
        String key = UUID.randomUUID().toString();
        long before = DeadLetterScript.depth(Topics.RESERVE_EVENTS);
        DeadLetterScript.deadLetter(GATEWAY, Topics.RESERVE_EVENTS, key, "{not json", "-", 0, 7);
        assertEquals(before + 1, DeadLetterScript.depth(Topics.RESERVE_EVENTS));
        String listed = DeadLetterScript.run("list", Topics.RESERVE_EVENTS);
        assertTrue(listed.contains("key=" + key + " from=" + Topics.RESERVE_EVENTS + "-0@7 reason=not JSON"), listed);
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
