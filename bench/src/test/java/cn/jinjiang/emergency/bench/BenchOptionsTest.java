package cn.jinjiang.emergency.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {

    @Test
    void runsAndIdleSecondsHaveDefaultsAndShortValues() {
        BenchOptions full = BenchOptions.parse(List.of());
        assertEquals("1", full.value(BenchOption.RUNS));
        assertEquals("60", full.value(BenchOption.IDLE_SECONDS));
        assertEquals("50,5", full.value(BenchOption.SCREEN_RATE));

        BenchOptions smoke = BenchOptions.parse(List.of("--short", "--runs", "3"));
        assertEquals("3", smoke.value(BenchOption.RUNS));
        assertEquals("10", smoke.value(BenchOption.IDLE_SECONDS));
        assertEquals("0", BenchOptions.parse(List.of("--idle-seconds", "0")).value(BenchOption.IDLE_SECONDS));
    }

    @Test
    void usageNamesTheNewOptions() {
        String usage = BenchOptions.usage();
        assertTrue(usage.contains("--runs N"), usage);
        assertTrue(usage.contains("--idle-seconds N"), usage);
    }
}
