package cn.jinjiang.emergency.bench;

import java.time.Duration;

/**
 * The idle reading at the start of a bench.sh run: the stack's CPU over a while with no load (the services'
 * scheduled passes, consumers polling, the broker, PostgreSQL's background work), printed as cores used in total and
 * per process. It is what every stage's CPU per unit of work carries along, and a feature that polls shows here.
 */
public final class IdleStack {

    private IdleStack() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Duration length = options.seconds("seconds", BenchOption.IDLE_SECONDS.decimalFallback());
        options.rejectUnknown();

        StackCpu cpu = StackCpu.local();
        Progress.say("idle: the stack's CPU over %d s with no load", length.toSeconds());
        CpuReading before = cpu.reading();
        Thread.sleep(length.toMillis());
        CpuUse idle = CpuUse.between(before, cpu.reading());
        System.out.println();
        idle.asLoad("Idle stack (no load)").forEach(System.out::println);
        if (!idle.stackMs().isEmpty()) {
            Figures.record("idle/cores", idle.cores());
        }
    }
}
