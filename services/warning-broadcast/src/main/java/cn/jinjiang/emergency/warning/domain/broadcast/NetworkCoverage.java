package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.warning.Area;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loudspeaker network's coverage (the first of the plans' two reach figures, kept apart from any warning's): per
 * area, the share of its population within earshot of a working terminal. A terminal works unless the last report of
 * it, for whichever warning, was a failure; one never reported on is counted as working.
 */
public final class NetworkCoverage {

    private NetworkCoverage() {
    }

    /** One area: its terminals, how many work, and the people within earshot of a working one. */
    public record Line(String areaCode, String name, String level, long population, int terminals, int working,
                       long reached, double percent, boolean meetsTarget) {
    }

    /** The area asked for (unless it is the prefecture, which no bureau here covers) and each area right below it. */
    public record Report(String areaCode, double targetPercent, List<Line> areas) {
    }

    public static Uni<Report> of(String areaCode, double target) {
        return Area.<Area>listAll().flatMap(all -> {
            Map<String, Area> areas = new HashMap<>();
            all.forEach(area -> areas.put(area.code, area));
            Area asked = areas.get(areaCode);
            if (asked == null) {
                return Uni.createFrom().failure(new NotFound("No area " + areaCode));
            }
            // The prefix is a validated 12-digit code's (digits only), so it is safe in the statement.
            return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT t.area_code, "
                                    + "t.population_served, COALESCE((SELECT a.outcome FROM broadcast_ack a "
                                    + "WHERE a.terminal_code = t.code ORDER BY a.reported_at DESC LIMIT 1), 'PLAYED') "
                                    + "<> 'FAILED' FROM terminal t WHERE t.area_code LIKE '"
                                    + AreaCodes.prefix(areaCode) + "%'", Object[].class)
                            .getResultList())
                    .map(terminals -> report(asked, areas, terminals, target));
        });
    }

    private static Report report(Area asked, Map<String, Area> areas, List<Object[]> terminals, double target) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        if (!"PREFECTURE".equals(asked.level)) {
            counts.put(asked.code, new long[3]);
        }
        areas.values().stream().filter(area -> asked.code.equals(area.parentCode)).map(area -> area.code).sorted()
                .forEach(code -> counts.put(code, new long[3]));
        for (Object[] row : terminals) {
            String code = (String) row[0];
            long served = ((Number) row[1]).longValue();
            boolean working = (Boolean) row[2];
            for (String at = code; at != null; at = areas.containsKey(at) ? areas.get(at).parentCode : null) {
                long[] c = counts.get(at);
                if (c != null) {
                    c[0]++;
                    c[1] += working ? 1 : 0;
                    c[2] += working ? served : 0;
                }
                if (at.equals(asked.code)) {
                    break;
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        counts.forEach((code, c) -> {
            Area area = areas.get(code);
            long reached = Math.min(area.population, c[2]);
            double percent = area.population == 0 ? 0 : Math.round(1000.0 * reached / area.population) / 10.0;
            lines.add(new Line(code, area.nameZh, area.level, area.population, (int) c[0], (int) c[1], reached,
                    percent, percent >= target));
        });
        return new Report(asked.code, target, lines);
    }
}
