package cn.jinjiang.emergency.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSummaryTest {

    private static final List<Target> TARGETS = Target.parse(List.of(
            "# comment",
            "figure,bound,limit,unit,description",
            "b2/50rps-200screens/p99_ms,at most,250,ms,B2 p99, at 50/s",
            "b1/200rps/accepted_per_s,at least,195,/s,B1 accepted",
            "b6/20cps-1000screens-5pct_stalled/p99_ms,at most,250,ms,B6 stalled p99",
            "",
            "b1/500rps/not_shed,at most,0,,B1 shed"));

    @Test
    void medianOfOddAndEvenCountsAndOfNone() {
        assertEquals(81.0, Median.of(List.of(90.0, 75.0, 81.0)));
        assertEquals(80.0, Median.of(List.of(90.0, 70.0)));
        assertEquals(5.0, Median.of(List.of(5.0)));
        assertTrue(Double.isNaN(Median.of(List.of())));
    }

    @Test
    void targetsParseWithCommasInTheDescription() {
        assertEquals(4, TARGETS.size());
        Target first = TARGETS.get(0);
        assertEquals("b2/50rps-200screens/p99_ms", first.figure());
        assertEquals(Target.Bound.AT_MOST, first.bound());
        assertEquals("B2 p99, at 50/s", first.description());
        assertEquals("<= 250 ms", first.limitText());
        assertEquals(">= 195 /s", TARGETS.get(1).limitText());
        assertThrows(IllegalArgumentException.class, () -> Target.parse(List.of("x,about,1,ms,y")));
        assertThrows(IllegalArgumentException.class, () -> Target.parse(List.of("x,at most,1")));
    }

    @Test
    void boundsIncludeTheLimit() {
        Target atMost = TARGETS.get(0);
        Target atLeast = TARGETS.get(1);
        assertTrue(atMost.met(250));
        assertTrue(!atMost.met(250.1));
        assertTrue(atLeast.met(195));
        assertTrue(!atLeast.met(194.9));
    }

    /** The median of the runs is judged, not any one run; a target whose figure no run recorded is n/a. */
    @Test
    void judgesTheMedianOfTheRuns(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("run-1.tsv"),
                "b2/50rps-200screens/p99_ms\t300.0\nb1/200rps/accepted_per_s\t199.0\nb1/500rps/not_shed\t0.0\n");
        Path two = Files.writeString(dir.resolve("run-2.tsv"),
                "b2/50rps-200screens/p99_ms\t120.0\nb1/200rps/accepted_per_s\t150.0\nb1/500rps/not_shed\t3.0\n");
        Path three = Files.writeString(dir.resolve("run-3.tsv"),
                "b2/50rps-200screens/p99_ms\t240.0\nb1/200rps/accepted_per_s\t190.0\nb1/500rps/not_shed\t0.0\n");
        BenchSummary summary = new BenchSummary(List.of(Figures.read(one), Figures.read(two), Figures.read(three)),
                TARGETS);

        assertEquals(240.0, summary.median("b2/50rps-200screens/p99_ms"));
        assertEquals("PASS", summary.verdict(TARGETS.get(0))); // one run over 250 ms does not fail it
        assertEquals("FAIL", summary.verdict(TARGETS.get(1))); // median 190/s < 195/s, though one run had 199/s
        assertEquals("n/a", summary.verdict(TARGETS.get(2))); // B6 not run at that load
        assertEquals("PASS", summary.verdict(TARGETS.get(3)));

        List<String> lines = summary.lines();
        assertTrue(lines.contains("Figures over 3 runs: the median, then each run's value"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                " +b2/50rps-200screens/p99_ms +240 +\\(300, 120, 240\\)")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                " +B1 accepted +>= 195 /s +190 /s +FAIL")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches(" +B6 stalled p99 +<= 250 ms +- +n/a")),
                lines.toString());
        assertEquals("  2 passed, 1 failed, 1 not measured (stage not run at that load)", lines.get(lines.size() - 1));
    }

    @Test
    void oneRunPrintsOnlyTheTargets() {
        BenchSummary summary = new BenchSummary(List.of(Map.of("b1/200rps/accepted_per_s", 196.4)), TARGETS);
        List<String> lines = summary.lines();
        assertEquals("Targets:", lines.get(1));
        assertTrue(lines.stream().anyMatch(line -> line.matches(" +B1 accepted +>= 195 /s +196.4 /s +PASS")),
                lines.toString());
    }

    /** The bundled targets: the list, each naming a figure the way the stages record them. */
    @Test
    void bundledTargetsNameRecordableFigures() {
        List<Target> targets = Target.load();
        assertEquals(15, targets.size());
        Pattern name = Pattern.compile("(b[1-6]|stack|idle)/[a-z0-9_-]+(/[a-z0-9_]+)?");
        for (Target target : targets) {
            assertTrue(name.matcher(target.figure()).matches(), target.figure());
        }
        assertTrue(targets.stream().anyMatch(t -> t.figure().equals("b2/50rps-200screens/cpu_ms_per_report")
                && t.bound() == Target.Bound.AT_MOST && t.limit() == 10));
    }

    @Test
    void figuresNotRecordedWithoutAFileAndReadInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.tsv"), "a/b\t1.5\nc/d\t2.0\na/b\t3.0\n");
        assertEquals(Map.of("a/b", 3.0, "c/d", 2.0), Figures.read(file));
        assertEquals(Map.of(), Figures.read(dir.resolve("none.tsv")));
        assertEquals("50", Figures.number(50.0));
        assertEquals("2.5", Figures.number(2.5));
    }
}
