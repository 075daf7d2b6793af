package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.CoverageLine;
import cn.jinjiang.emergency.warning.domain.warning.Area;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** What one area of a warning's tree counted: its terminals and what became of them, and the other channels' reach. */
final class Tally {

    private int terminals;
    private int played;
    private int failed;
    /** People within earshot of every terminal of the area: what the network could reach. */
    private long servedByAll;
    /** People within earshot of a terminal that played the warning. */
    private long servedByPlayed;
    /** By channel other than the loudspeakers: the people it reached in the area, as the platform reported. */
    private final Map<String, Long> channels = new HashMap<>();

    void terminal(int served, String outcome) {
        terminals++;
        servedByAll += served;
        if ("PLAYED".equals(outcome)) {
            played++;
            servedByPlayed += served;
        } else if ("FAILED".equals(outcome)) {
            failed++;
        }
    }

    void channel(String channel, long people) {
        channels.merge(channel, people, Long::sum);
    }

    void add(Tally other) {
        terminals += other.terminals;
        played += other.played;
        failed += other.failed;
    }

    CoverageLine line(String code, Area area, long population, CoveragePolicy.Targets targets) {
        long reached = Math.min(population, servedByPlayed);
        long network = Math.min(population, servedByAll);
        // A person reached by two channels counts once: the area's largest reach of any one channel.
        long best = channels.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long publicReached = Math.min(population, Math.max(reached, best));
        return line(code, area, terminals, played, failed, population, reached, network, publicReached, targets);
    }

    /** The outermost targets' lines added up: each person once, as each line already caps at its population. */
    static CoverageLine overall(Collection<CoverageLine> roots, Tally total, long population,
            CoveragePolicy.Targets targets) {
        long reached = roots.stream().mapToLong(CoverageLine::reached).sum();
        long network = roots.stream().mapToLong(CoverageLine::networkReached).sum();
        long publicReached = roots.stream().mapToLong(CoverageLine::publicReached).sum();
        return line(null, null, total.terminals, total.played, total.failed, population, reached, network,
                publicReached, targets);
    }

    private static CoverageLine line(String code, Area area, int terminals, int played, int failed, long population,
            long reached, long network, long publicReached, CoveragePolicy.Targets targets) {
        double publicPercent = percent(publicReached, population);
        double networkPercent = percent(network, population);
        CoverageLine.Cause cause = population == 0 || publicPercent >= targets.reach() ? null
                : networkPercent < targets.network() ? CoverageLine.Cause.NETWORK : CoverageLine.Cause.DELIVERY;
        return new CoverageLine(code, area == null ? null : area.nameZh, area == null ? null : area.level,
                area == null ? null : area.parentCode, terminals, played, failed, terminals - played - failed,
                population, reached, percent(reached, population), network, networkPercent, publicReached,
                publicPercent, cause);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
