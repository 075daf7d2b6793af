package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.warning.domain.cap.CapKeys;
import cn.jinjiang.emergency.warning.domain.cap.CapSchema;
import cn.jinjiang.emergency.warning.domain.cap.CapVerifier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the emergency broadcast platform, run as a process of its own with a real Kafka client, logging in as
 * the broadcast-platform user. It takes each CAP message from broadcast-cap, refuses one whose signature does not
 * verify against the bureau's public key or that breaks the CAP 1.2 schema, finds the terminals of the areas it
 * names (from warning-broadcast, as the platform's own registry would), and reports playback on broadcast-acks: a
 * configurable share played, the rest failed, each after a random delay.
 *
 * <p>Arguments: bootstrap servers, public key file, warning-broadcast base URL, share played (0..1), longest delay in
 * ms. Secrets come from the environment, never the command line (which logs and process lists show):
 * {@code KAFKA_PASSWORD} of the broadcast-platform user and {@code BROADCAST_TOKEN}, a broadcast-system bearer token.
 */
public final class BroadcastPlatform {

    private static final Pattern GEOCODE = Pattern.compile("<value>([0-9]{12})</value>");
    private static final Pattern IDENTIFIER = Pattern.compile("<identifier>([^<]+)</identifier>");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private BroadcastPlatform() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String password = System.getenv("KAFKA_PASSWORD");
        CapVerifier verifier = new CapVerifier(CapKeys.readPublicKey(Path.of(args[1])));
        CapSchema schema = new CapSchema();
        String warnings = args[2];
        String token = System.getenv("BROADCAST_TOKEN");
        double share = Double.parseDouble(args[3]);
        int maxDelay = Integer.parseInt(args[4]);
        Random random = new Random(7);
        HttpClient http = HttpClient.newHttpClient();
        try (KafkaConsumer<String, String> cap = new KafkaConsumer<>(client(bootstrap, password, true));
             KafkaProducer<String, String> acks = new KafkaProducer<>(client(bootstrap, password, false))) {
            cap.subscribe(List.of("broadcast-cap"));
            while (true) {
                for (ConsumerRecord<String, String> record : cap.poll(Duration.ofMillis(200))) {
                    byte[] xml = record.value().getBytes(StandardCharsets.UTF_8);
                    if (!verifier.verify(xml) || !schema.isValid(xml)) {
                        System.out.println("refused " + record.key() + ": " + verifier.problem(xml).orElse("schema"));
                        continue;
                    }
                    if (!record.value().contains("<msgType>Alert</msgType>")
                            && !record.value().contains("<msgType>Update</msgType>")) {
                        continue;
                    }
                    Matcher identifier = IDENTIFIER.matcher(record.value());
                    identifier.find();
                    List<String> terminals = new ArrayList<>();
                    Matcher geocode = GEOCODE.matcher(record.value());
                    while (geocode.find()) {
                        String body = http.send(HttpRequest.newBuilder(URI.create(warnings + "/api/terminals?area="
                                        + geocode.group(1))).header("Authorization", "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        Matcher code = CODE.matcher(body);
                        while (code.find()) {
                            terminals.add(code.group(1));
                        }
                    }
                    for (String terminal : terminals) {
                        Thread.sleep(random.nextInt(maxDelay + 1) / Math.max(1, terminals.size()));
                        String outcome = random.nextDouble() < share ? "PLAYED" : "FAILED";
                        acks.send(new ProducerRecord<>("broadcast-acks", record.key(),
                                ack(record.key(), identifier.group(1), terminal, outcome)));
                    }
                    acks.flush();
                    System.out.println("played " + identifier.group(1) + " on " + terminals.size() + " terminals");
                }
            }
        }
    }

    private static String ack(String warning, String identifier, String terminal, String outcome) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return """
                {"specversion":"1.0","id":"%s","source":"/broadcast-platform","type":"broadcast.ack","subject":"%s",\
                "time":"%s","datacontenttype":"application/json",\
                "dataschema":"https://emergency.jinjiang.gov.cn/schemas/events/broadcast.ack.schema.json",\
                "data":{"warningId":"%s","capIdentifier":"%s","terminalCode":"%s","outcome":"%s","reportedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), warning, now, warning, identifier, terminal, outcome, now);
    }

    private static Properties client(String bootstrap, String password, boolean consumer) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"broadcast-platform\" password=\"" + password + "\";");
        if (consumer) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "broadcast-platform");
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        } else {
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
        }
        return properties;
    }
}
