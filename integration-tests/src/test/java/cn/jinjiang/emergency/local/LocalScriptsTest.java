package cn.jinjiang.emergency.local;

import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process helpers of deploy/local/lib (start_detached, the failure trap up.sh installs) run for real, on a copy of
 * the scripts in a scratch directory, so their .local/ is the scratch one and nothing of a running stack (its ports,
 * PostgreSQL, its pid files) is touched. The started "service" is a small loop script standing in for a JVM.
 */
class LocalScriptsTest {

    private static final String SECRET = "s3cret";
    private static final String TOKEN = "t0ken-abc";

    @TempDir
    Path scratch;

    private Path root;
    private Path fakeService;

    @BeforeEach
    void copyScripts() throws IOException {
        root = scratch.toRealPath();
        Path lib = root.resolve("deploy/local/lib");
        Files.createDirectories(lib);
        try (Stream<Path> scripts = Files.list(RepositoryRoot.get().resolve("deploy/local/lib"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                Files.copy(script, lib.resolve(script.getFileName()));
            }
        }
        // Records what reached it through the environment, then idles in short sleeps so a SIGTERM leaves no orphan.
        fakeService = root.resolve("fake-service.sh");
        Files.writeString(fakeService, """
                #!/usr/bin/env bash
                printf '%s' "${KAFKA_PASSWORD:-}" >"$1.seen"
                echo "fake service $1 up"
                while :; do sleep 0.2; done
                """);
    }

    @AfterEach
    void killLeftovers() throws IOException {
        Path pids = root.resolve(".local/pids");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file).trim();
                if (text.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(text))
                            .filter(p -> p.info().commandLine().orElse("").contains(root.toString()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    @Test
    void startedProcessGetsItsSecretsButTheOwnerOnlyLogNeverShowsThem() throws Exception {
        Path logs = root.resolve(".local/logs");
        Files.createDirectories(logs);
        Path oldLog = logs.resolve("kafka.log");
        Files.writeString(oldLog, "from an earlier run\n");
        Files.setPosixFilePermissions(oldLog, PosixFilePermissions.fromString("rw-r--r--"));

        Result result = bash("""
                ensure_state_dirs
                password=%s token=%s
                # The form up.sh used: secrets as env arguments on the command line start_detached logs.
                start_detached svc-a "$REPO_ROOT" env KAFKA_PASSWORD="$password" BROADCAST_TOKEN="$token" \\
                  DB_HOST=127.0.0.1 bash "$FAKE" svc-a
                # The form it uses now: secrets in the environment of the call only.
                KAFKA_PASSWORD="$password" BROADCAST_TOKEN="$token" start_detached svc-b "$REPO_ROOT" bash "$FAKE" svc-b
                for s in svc-a svc-b; do
                  for _ in $(seq 50); do [[ -f "$REPO_ROOT/$s.seen" ]] && break; sleep 0.1; done
                done
                stop_processes 5 "svc-a:$FAKE" "svc-b:$FAKE"
                """.formatted(SECRET, TOKEN));
        assertEquals(0, result.exitCode(), result.toString());

        for (String name : List.of("svc-a", "svc-b")) {
            Path log = logs.resolve(name + ".log");
            String text = Files.readString(log);
            assertTrue(text.contains("starting " + name), text);
            assertFalse(text.contains(SECRET), name + ".log shows the Kafka password:\n" + text);
            assertFalse(text.contains(TOKEN), name + ".log shows the token:\n" + text);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(log), name);
            assertEquals(SECRET, Files.readString(root.resolve(name + ".seen")),
                    "the password no longer reaches the process");
        }
        assertTrue(Files.readString(logs.resolve("svc-a.log")).contains("DB_HOST=127.0.0.1"),
                "only secret values are redacted");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(oldLog),
                "an existing log stays readable by others");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(logs));
        assertFalse(result.stderr().contains(SECRET), result.stderr());
    }

    @Test
    void aFailedStartStopsWhatItStartedKeepsWhatRanBeforeAndSaysWhy() throws Exception {
        Result before = bash("""
                ensure_state_dirs
                start_detached old "$REPO_ROOT" bash "$FAKE" old
                """);
        assertEquals(0, before.exitCode(), before.toString());
        long oldPid = pid("old");

        Result failed = bash("""
                stop_started_on_failure
                ensure_state_dirs
                start_detached new "$REPO_ROOT" bash "$FAKE" new
                pair_databases() { grep -q paired "$REPO_ROOT/nothing-here" 2>/dev/null; }
                pair_databases
                echo "not reached"
                """);
        long newPid = readPid(failed, "new");

        assertNotEquals(0, failed.exitCode(), failed.toString());
        assertFalse(failed.stdout().contains("not reached"), failed.toString());
        assertTrue(failed.stderr().contains("ERROR") && failed.stderr().contains("pair_databases"),
                "a failure without a word naming the step:\n" + failed);
        assertFalse(alive(newPid), "the process this run started still runs after its failure");
        assertTrue(alive(oldPid), "the failure stopped a process an earlier run started");

        // die (the scripts' refusals) takes the same way out.
        Result refused = bash("""
                stop_started_on_failure
                start_detached new "$REPO_ROOT" bash "$FAKE" new
                die "database incident_intake holds the state of another local stack"
                """);
        long refusedPid = readPid(refused, "new");
        assertNotEquals(0, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("another local stack"), refused.toString());
        assertFalse(alive(refusedPid), "a refused start left its process running");
        assertTrue(alive(oldPid));
    }

    private long readPid(Result result, String name) {
        String line = result.stdout().lines().filter(l -> l.startsWith("pid " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no pid recorded for " + name + ": " + result));
        return Long.parseLong(line.substring(("pid " + name + " ").length()).trim());
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(root.resolve(".local/pids/" + name + ".pid")).trim());
    }

    private static boolean alive(long pid) throws InterruptedException {
        // stop_processes waits for the exit; allow the kernel a moment to reap it.
        for (int i = 0; i < 20; i++) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            } else {
                return false;
            }
        }
        return true;
    }

    @Test
    void severalInstancesTakeTheirOwnPortsAndDatabasesBehindTheBalancer() throws Exception {
        Result result = bash("""
                ensure_state_dirs
                echo 2 >"$INSTANCES_FILE"
                load_instances
                source "$ROOT/deploy/local/lib/balancer.sh"
                echo "instances: $(all_instances | paste -sd ' ')"
                for name in incident-intake incident-intake.2 command-gateway command-gateway.2; do
                  echo "$name port $(instance_port "$name") database '$(instance_database "$name")'"
                done
                echo "databases: ${DATABASES[*]}"
                balancer_write_config
                if command -v haproxy >/dev/null; then haproxy -c -q -f "$BALANCER_CONFIG" && echo "haproxy: valid"; fi
                rm "$INSTANCES_FILE"
                load_instances
                echo "one instance: $(instance_port incident-intake) ${#DATABASES[@]} databases"
                """);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.contains("instances: incident-intake incident-intake.2 resource-dispatch resource-dispatch.2 "
                + "warning-broadcast warning-broadcast.2 material-reserves material-reserves.2 command-gateway "
                + "command-gateway.2\n"), out);
        assertTrue(out.contains("incident-intake port 8181 database ''"), out);
        assertTrue(out.contains("incident-intake.2 port 8281 database ''"), out);
        assertTrue(out.contains("command-gateway port 8180 database ''"), out);
        assertTrue(out.contains("command-gateway.2 port 8280 database 'command_gateway_2'"), out);
        assertTrue(out.contains("databases: incident_intake resource_dispatch warning_broadcast material_reserves "
                + "command_gateway command_gateway_2\n"), out);
        assertTrue(out.contains("one instance: 8081 5 databases"), out);
        assertFalse(result.stderr().contains("No such file"), "one instance needs no instances file:\n" + result);

        String config = Files.readString(root.resolve(".local/balancer/haproxy.cfg"));
        assertTrue(config.contains("""
                frontend incident-intake
                  bind :8081
                """), config);
        assertTrue(config.contains("""
                  server incident-intake 127.0.0.1:8181
                  server incident-intake.2 127.0.0.1:8281
                """), config);
        assertTrue(config.contains("backend command-gateway\n  balance leastconn"), config);
        // A write is sent again to another instance only with an Idempotency-Key.
        assertTrue(config.contains("http-request disable-l7-retry if !retry_safe !keyed"), config);
        String refusal = Files.readString(root.resolve(".local/balancer/503.http"));
        assertTrue(refusal.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), refusal);
        assertTrue(refusal.contains("Retry-After: 2\r\n") && refusal.contains("application/problem+json"), refusal);
        String body = refusal.substring(refusal.indexOf("\r\n\r\n") + 4);
        assertTrue(refusal.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"),
                refusal);
        if (out.contains("haproxy: valid") || !haproxyInstalled()) {
            return;
        }
        throw new AssertionError("HAProxy refuses the generated configuration:\n" + result);
    }

    private static boolean haproxyInstalled() {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "haproxy")));
    }

    /**
     * Runs BODY under the entry scripts' options with common.sh sourced. start_detached is wrapped so the pid of
     * every start is printed on stdout before anything after it can fail, for the assertions on what was stopped.
     */
    private Result bash(String body) throws Exception {
        String script = """
                set -euo pipefail
                source "$ROOT/deploy/local/lib/common.sh"
                eval "original_$(declare -f start_detached)"
                start_detached() { original_start_detached "$@"; echo "pid $1 $(cat "$(pid_file "$1")")"; }
                """ + body;
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("ROOT", root.toString());
        builder.environment().put("FAKE", fakeService.toString());
        builder.environment().remove("EMERGENCY_JWT_DIR");
        builder.environment().remove("EMERGENCY_LOCAL_COMMON_LOADED");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bash did not finish within 60 s: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
