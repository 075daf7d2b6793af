package cn.jinjiang.emergency.warning.domain.broadcast;

import cn.jinjiang.emergency.shared.contract.events.CoverageLine;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.warning.Area;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How far a warning got: per area of the targeted tree (each target area and every area below it that has terminals),
 * the terminals targeted, played, failed and not yet heard of, and the share of the area's population living within
 * earshot of a terminal that played it. A town's figures include its villages'.
 */
public record Coverage(UUID warningId, CoverageLine overall, List<CoverageLine> areas) {

    /** The bureau's target for a warning's reach. */
    public static final double TARGET_PERCENT = 90.0;

    /** The areas below target; none when the warning has no terminals to reach. */
    public List<CoverageLine> lagging() {
        return areas.stream().filter(line -> line.terminals() > 0 && line.coveragePercent() < TARGET_PERCENT).toList();
    }

    public static Uni<Coverage> of(Warning warning) {
        return Area.<Area>listAll().flatMap(areas -> of(warning, areas));
    }

    /** The same, with the areas already read (a statistic works out many warnings' coverage at once). */
    public static Uni<Coverage> of(Warning warning, List<Area> areas) {
        List<String> targets = warning.areaCodes();
        List<String> patterns = targets.stream().map(code -> AreaCodes.prefix(code) + "%").toList();
        String likeAny = String.join(" OR ", patterns.stream().map(p -> "t.area_code LIKE '" + p + "'").toList());
        // The prefixes are 12-digit codes validated on the way in (digits only), so they are safe in the statement.
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT t.code, t.area_code, t.population_served, a.outcome FROM terminal t "
                                + "LEFT JOIN broadcast_ack a ON a.terminal_code = t.code AND a.warning_id = :warning "
                                + "WHERE " + likeAny, Object[].class)
                        .setParameter("warning", warning.id)
                        .getResultList())
                .map(rows -> compute(warning, rows, areas));
    }

    private static Coverage compute(Warning warning, List<Object[]> terminals, List<Area> areaList) {
        Map<String, Area> areas = new HashMap<>();
        areaList.forEach(area -> areas.put(area.code, area));
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, long[]> reached = new HashMap<>();
        for (String target : warning.areaCodes()) {
            counts.put(target, new int[3]);
            reached.put(target, new long[1]);
        }
        for (Object[] row : terminals) {
            String area = (String) row[1];
            int served = ((Number) row[2]).intValue();
            String outcome = (String) row[3];
            // The terminal counts for its own area and every area above it, up to the target it falls under.
            for (String code = area; code != null; code = parentWithin(code, areas, warning.areaCodes())) {
                int[] c = counts.computeIfAbsent(code, k -> new int[3]);
                c[0]++;
                if ("PLAYED".equals(outcome)) {
                    c[1]++;
                    reached.computeIfAbsent(code, k -> new long[1])[0] += served;
                } else if ("FAILED".equals(outcome)) {
                    c[2]++;
                }
            }
        }
        List<CoverageLine> lines = new ArrayList<>();
        int[] total = new int[3];
        long totalPopulation = 0;
        long totalReached = 0;
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            Area area = areas.get(entry.getKey());
            long population = area == null ? 0 : area.population;
            long people = Math.min(population, reached.getOrDefault(entry.getKey(), new long[1])[0]);
            int[] c = entry.getValue();
            lines.add(line(entry.getKey(), area, c, population, people));
            if (warning.areaCodes().contains(entry.getKey())) {
                total[0] += c[0];
                total[1] += c[1];
                total[2] += c[2];
                totalPopulation += population;
                totalReached += people;
            }
        }
        lines.sort(Comparator.comparing(CoverageLine::areaCode));
        return new Coverage(warning.id, line(null, null, total, totalPopulation, totalReached), lines);
    }

    /** The parent area, unless the code is already one of the targets (the tree stops there). */
    private static String parentWithin(String code, Map<String, Area> areas, List<String> targets) {
        if (targets.contains(code)) {
            return null;
        }
        Area area = areas.get(code);
        return area == null ? null : area.parentCode;
    }

    private static CoverageLine line(String code, Area area, int[] c, long population, long reached) {
        double percent = population == 0 ? 0 : Math.round(1000.0 * reached / population) / 10.0;
        return new CoverageLine(code, area == null ? null : area.nameZh, area == null ? null : area.level,
                area == null ? null : area.parentCode, c[0], c[1], c[2], c[0] - c[1] - c[2], population, reached,
                percent);
    }
}
