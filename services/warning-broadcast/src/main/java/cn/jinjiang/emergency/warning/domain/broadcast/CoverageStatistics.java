package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.CoverageLine;
import cn.jinjiang.emergency.warning.domain.warning.Area;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warning coverage per bureau over a period (预警信息覆盖率): of the warnings issued in it, how many reached the target
 * share of their areas' population over every channel, and all of them together: the people of the targeted areas,
 * those within earshot of a terminal that played the warning, and those reached by any channel. Each warning counts
 * as its coverage stands when asked.
 */
public final class CoverageStatistics {

    private CoverageStatistics() {
    }

    /**
     * One bureau's figures, or the total (jurisdiction null).
     *
     * @param atTarget   warnings whose public reach reached the target ({@link CoveragePolicy#reachTarget()})
     * @param population the people of the targeted areas, counted once per warning
     */
    public record Line(String jurisdiction, int warnings, int atTarget, long terminals, long played, long failed,
                       long population, long reached, double coveragePercent, long publicReached,
                       double publicReachPercent) {

        static Line empty(String jurisdiction) {
            return new Line(jurisdiction, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        Line plus(CoverageLine overall, double reachTarget) {
            long people = population + overall.population();
            long heard = reached + overall.reached();
            long told = publicReached + overall.publicReached();
            return new Line(jurisdiction, warnings + 1,
                    atTarget + (overall.publicReachPercent() >= reachTarget ? 1 : 0),
                    terminals + overall.terminals(), played + overall.played(), failed + overall.failed(), people,
                    heard, percent(heard, people), told, percent(told, people));
        }

        private static double percent(long part, long whole) {
            return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
        }
    }

    public record Report(OffsetDateTime from, OffsetDateTime to, List<Line> jurisdictions, Line total) {
    }

    /** The warnings' coverage, worked out one after the other (they share the request's database session). */
    public static Uni<Report> of(List<Warning> issued, OffsetDateTime from, OffsetDateTime to,
            CoveragePolicy.Targets targets) {
        return Area.<Area>listAll().flatMap(areas -> Multi.createFrom().iterable(issued)
                .onItem().transformToUniAndConcatenate(warning -> Coverage.of(warning, areas, targets)
                        .map(coverage -> Map.entry(warning.jurisdiction(), coverage.overall())))
                .collect().asList())
                .map(lines -> {
                    Map<String, Line> bureaus = new TreeMap<>();
                    Line total = Line.empty(null);
                    for (Map.Entry<String, CoverageLine> line : lines) {
                        bureaus.put(line.getKey(), bureaus.getOrDefault(line.getKey(), Line.empty(line.getKey()))
                                .plus(line.getValue(), targets.reach()));
                        total = total.plus(line.getValue(), targets.reach());
                    }
                    return new Report(from, to, new ArrayList<>(bureaus.values()), total);
                });
    }
}
