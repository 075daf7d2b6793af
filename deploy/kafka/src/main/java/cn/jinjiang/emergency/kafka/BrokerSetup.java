package cn.jinjiang.emergency.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Brings a running broker in line with {@code schemas/topic-access.csv}: creates the missing topics and their dead-letter
 * topics, gives every service a SCRAM credential (generating its password once, into the credentials folder), and makes
 * each service's ACLs exactly what the table grants. One JVM for all of it, because every Kafka tool start costs
 * seconds on a small machine; safe to run again at every start.
 *
 * <pre>
 * BrokerSetup --bootstrap HOST:PORT --admin-config FILE --access CSV --credentials DIR [--partitions N] [--dlq-partitions N]
 * </pre>
 */
public final class BrokerSetup {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * One row of the table: the topic, its one writer, its readers, and the services that watch how many records wait
     * in its dead-letter topic.
     */
    public record TopicAccess(String topic, String writer, List<String> readers, List<String> dlqWatchers) {
    }

    private BrokerSetup() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<TopicAccess> table = readTable(Path.of(required(options, "--access")));
        Path credentials = Path.of(required(options, "--credentials"));
        int partitions = Integer.parseInt(options.getOrDefault("--partitions", "3"));
        int dlqPartitions = Integer.parseInt(options.getOrDefault("--dlq-partitions", "1"));

        Properties config = new Properties();
        try (InputStream in = new FileInputStream(required(options, "--admin-config"))) {
            config.load(in);
        }
        config.put("bootstrap.servers", required(options, "--bootstrap"));
        try (Admin admin = Admin.create(config)) {
            createTopics(admin, table, partitions, dlqPartitions);
            Set<String> services = services(table);
            upsertCredentials(admin, services, credentials);
            syncAcls(admin, services, acls(table));
        }
    }

    public static List<TopicAccess> readTable(Path file) throws IOException {
        List<TopicAccess> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException(file + ": expected topic,writer,readers,dlq-watchers but got: "
                        + line);
            }
            rows.add(new TopicAccess(cells[0].trim(), cells[1].trim(), names(cells[2]), names(cells[3])));
        }
        return rows;
    }

    private static List<String> names(String cell) {
        return cell.isBlank() ? List.of() : List.of(cell.trim().split("\\s+"));
    }

    public static Set<String> services(List<TopicAccess> table) {
        Set<String> services = new LinkedHashSet<>();
        for (TopicAccess row : table) {
            services.add(row.writer());
            services.addAll(row.readers());
            services.addAll(row.dlqWatchers());
        }
        return services;
    }

    /** The consumer group in which {@link DeadLetterReplay} remembers how far a topic's dead letters were replayed. */
    public static String replayGroup(String topic) {
        return "dlq-replay-" + topic;
    }

    /**
     * The writer may write its topic; a reader may read it, write its dead-letter topic and use consumer groups whose
     * names start with the reader's own (one group per service, or per instance where each must see every record).
     * The writer may also read the dead-letter topic in its replay group: a replay re-publishes dead letters to the
     * topic, which only the writer may write, so it logs in as the writer. A watcher may describe the dead-letter
     * topic and the replay group, which is all it takes to tell how many dead letters still wait to be replayed.
     */
    public static Set<AclBinding> acls(List<TopicAccess> table) {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (TopicAccess row : table) {
            String deadLetters = row.topic() + ".dlq";
            acls.add(allow(row.writer(), ResourceType.TOPIC, row.topic(), PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(row.writer(), ResourceType.TOPIC, deadLetters, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(row.writer(), ResourceType.GROUP, replayGroup(row.topic()), PatternType.LITERAL,
                    AclOperation.READ));
            for (String watcher : row.dlqWatchers()) {
                acls.add(allow(watcher, ResourceType.TOPIC, deadLetters, PatternType.LITERAL, AclOperation.DESCRIBE));
                acls.add(allow(watcher, ResourceType.GROUP, replayGroup(row.topic()), PatternType.LITERAL,
                        AclOperation.DESCRIBE));
            }
            for (String reader : row.readers()) {
                acls.add(allow(reader, ResourceType.TOPIC, row.topic(), PatternType.LITERAL, AclOperation.READ));
                acls.add(allow(reader, ResourceType.TOPIC, deadLetters, PatternType.LITERAL, AclOperation.WRITE));
                acls.add(allow(reader, ResourceType.GROUP, reader, PatternType.PREFIXED, AclOperation.READ));
            }
        }
        return acls;
    }

    private static AclBinding allow(String service, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal(service), "*", operation, AclPermissionType.ALLOW));
    }

    private static String principal(String service) {
        return "User:" + service;
    }

    private static void createTopics(Admin admin, List<TopicAccess> table, int partitions, int dlqPartitions)
            throws Exception {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (TopicAccess row : table) {
            if (!existing.contains(row.topic())) {
                missing.add(new NewTopic(row.topic(), partitions, (short) 1));
            }
            if (!existing.contains(row.topic() + ".dlq")) {
                missing.add(new NewTopic(row.topic() + ".dlq", dlqPartitions, (short) 1));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        System.out.println("topics: " + table.size() + " topics and their .dlq topics present, " + missing.size()
                + " created");
    }

    /** Re-sets every service's credential from its password file, so a changed or new file takes effect. */
    private static void upsertCredentials(Admin admin, Collection<String> services, Path folder) throws Exception {
        Files.createDirectories(folder);
        List<UserScramCredentialUpsertion> upsertions = new ArrayList<>();
        for (String service : services) {
            upsertions.add(new UserScramCredentialUpsertion(service,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(folder, service)));
        }
        admin.alterUserScramCredentials(new ArrayList<>(upsertions)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        System.out.println("credentials: SCRAM-SHA-512 for " + String.join(", ", services));
    }

    private static String password(Path folder, String service) throws IOException {
        Path file = folder.resolve(service + ".password");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        // Letters and digits only: the password is quoted inside a JAAS line, where quotes or backslashes would break it.
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return password.toString();
    }

    /** Adds what the table grants and removes whatever else the services were granted (a row taken out of the table). */
    private static void syncAcls(Admin admin, Set<String> services, Set<AclBinding> wanted) throws Exception {
        Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<String> principals = new LinkedHashSet<>();
        services.forEach(s -> principals.add(principal(s)));
        List<AclBindingFilter> stale = new ArrayList<>();
        for (AclBinding acl : present) {
            if (principals.contains(acl.entry().principal()) && !wanted.contains(acl)) {
                stale.add(new AclBindingFilter(new ResourcePatternFilter(acl.pattern().resourceType(),
                        acl.pattern().name(), acl.pattern().patternType()),
                        new AccessControlEntryFilter(acl.entry().principal(), acl.entry().host(),
                                acl.entry().operation(), acl.entry().permissionType())));
            }
        }
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(acl -> !present.contains(acl)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        System.out.println("acls: " + wanted.size() + " granted (" + missing.size() + " added, " + stale.size()
                + " stale removed)");
    }

    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name
                    + " (usage: BrokerSetup --bootstrap HOST:PORT --admin-config FILE --access CSV --credentials DIR)");
        }
        return value;
    }
}
