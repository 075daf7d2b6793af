package cn.jinjiang.emergency.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackCpuTest {

    private static final String[] POSTMASTER = {"/usr/lib/postgresql/15/bin/postgres", "-D",
        "/var/lib/postgresql/15/main"};

    @TempDir
    Path root;

    /** Services by pid file, PostgreSQL's stack processes only, the harness and its own backend apart. */
    private FakeProc stack() throws Exception {
        return new FakeProc(root)
                .process(101, "java", 1000, 200, "java", "-jar", "quarkus-run.jar").pidFile("incident-intake", 101)
                .process(102, "java", 500, 100, "java", "kafka.Kafka").pidFile("kafka", 102)
                .process(200, "postgres", 30, 10, POSTMASTER)
                .process(201, "postgres", 7, 3, "postgres: 15/main: checkpointer ")
                .process(202, "postgres", 40, 10, "postgres: 15/main: emergency incident_intake 127.0.0.1(40000) idle")
                .process(203, "postgres", 900, 100,
                        "postgres: 15/main: postgres incident_intake_test 127.0.0.1(40001) idle")
                .process(204, "postgres", 60, 40, "postgres: 15/main: emergency resource_dispatch 127.0.0.1(40002) idle")
                .process(300, "java", 250, 50, "java", "cn.jinjiang.emergency.bench.BenchMain")
                .process(400, "bash", 999, 999, "bash");
    }

    private static StackCpu cpu(FakeProc proc) {
        return new StackCpu(new StackProcesses(proc.proc, proc.pids, 300, Set.of(204L)));
    }

    @Test
    void readsEachProcessOfTheStackAndTheHarnessApart() throws Exception {
        CpuReading reading = cpu(stack()).reading();

        assertEquals(List.of("incident-intake", "kafka", "postgresql"), List.copyOf(reading.stack().keySet()));
        assertEquals(Map.of(101L, 12_000.0), reading.stack().get("incident-intake"));
        assertEquals(Map.of(102L, 6_000.0), reading.stack().get("kafka"));
        // The postmaster, its worker and the stack database's backend; not a test database's, not the harness's own.
        assertEquals(Map.of(200L, 400.0, 201L, 100.0, 202L, 500.0), reading.stack().get("postgresql"));
        assertEquals(Map.of(300L, 3_000.0, 204L, 1_000.0), reading.harness());
    }

    @Test
    void aSecondInstanceIsReadByItsPidFileAndItsGatewayDatabaseIsTheStacks() throws Exception {
        FakeProc proc = stack()
                .process(111, "java", 800, 200, "java", "-jar", "quarkus-run.jar").pidFile("incident-intake.2", 111)
                .process(210, "postgres", 8, 2, "postgres: 15/main: emergency command_gateway_2 127.0.0.1(40003) idle")
                .process(211, "postgres", 5, 5, "postgres: 15/main: emergency command_gateway_x 127.0.0.1(40004) idle");
        CpuReading reading = cpu(proc).reading();

        assertEquals(Map.of(111L, 10_000.0), reading.stack().get("incident-intake.2"));
        assertEquals(Map.of(200L, 400.0, 201L, 100.0, 202L, 500.0, 210L, 100.0), reading.stack().get("postgresql"));
    }

    @Test
    void aStackWithoutPidFilesReadsAsEmpty() throws Exception {
        FakeProc proc = new FakeProc(root);
        CpuReading reading = new StackCpu(new StackProcesses(proc.proc, null, 300, Set.of())).reading();

        assertTrue(reading.stack().isEmpty());
        CpuUse use = CpuUse.between(reading, reading);
        assertTrue(Double.isNaN(use.msPer(10)));
        assertEquals(List.of("  CPU per report: n/a (no /proc readings of the stack, or nothing accepted)"),
                use.perUnit("report", "", 10));
    }

    @Test
    void usePerUnitCountsNewBackendsFromZeroAndNeverGoesNegativeForOnesThatExited() throws Exception {
        FakeProc proc = stack();
        StackCpu cpu = cpu(proc);
        CpuReading before = new CpuReading(cpu.reading().stack(), cpu.reading().harness(), 0);

        proc.process(101, "java", 1300, 300, "java", "-jar", "quarkus-run.jar") // +400 ticks = 4,000 ms
                .process(205, "postgres", 15, 5, "postgres: 15/main: emergency command_gateway 127.0.0.1(4) idle")
                .process(300, "java", 350, 50, "java", "bench"); // harness +100 ticks
        proc.exit(202);
        CpuReading after = new CpuReading(cpu.reading().stack(), cpu.reading().harness(), 10_000_000_000L);

        CpuUse use = CpuUse.between(before, after);
        assertEquals(4_000.0, use.stackMs().get("incident-intake"));
        assertEquals(0.0, use.stackMs().get("kafka"));
        assertEquals(200.0, use.stackMs().get("postgresql")); // the new backend's 20 ticks; the exited one is lost
        assertEquals(4_200.0, use.totalMs());
        assertEquals(1_000.0, use.harnessMs());
        assertEquals(10.0, use.seconds());
        assertEquals(0.42, use.cores(), 1e-9);
        assertEquals(42.0, use.msPer(100), 1e-9);

        List<String> lines = use.perUnit("report", "at 10/s", 100);
        assertEquals("  CPU per report at 10/s over 10 s, 100 reports: 42.00 ms (services + Kafka + PostgreSQL),"
                + " 0.42 cores; harness 10.00 ms (not counted)", lines.get(0));
        assertEquals("    incident-intake      40.00 ms  ( 40 % of a core)", lines.get(1));
        assertEquals(4, lines.size());

        List<String> idle = use.asLoad("Idle stack (no load)");
        assertEquals("Idle stack (no load) over 10 s: 0.420 cores (services + Kafka + PostgreSQL); harness 0.100"
                + " cores (not counted)", idle.get(0));
        assertEquals("    postgresql          0.020 cores", idle.get(3));
    }

    @Test
    void memoryIsRssForJvmsAndProportionalForPostgres() throws Exception {
        FakeProc proc = stack().status(101, 300_000).status(102, 500_000)
                .pss(200, 20_000).pss(201, 5_000).status(202, 150_000); // 202: no smaps_rollup, its RSS instead
        StackMemory memory = new StackMemory(new StackProcesses(proc.proc, proc.pids, 300, Set.of(204L)));

        assertEquals(Map.of("incident-intake", 300_000L, "kafka", 500_000L, "postgresql", 175_000L),
                memory.reading());
    }
}
