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
 * How far a warning got, per area of the targeted tree (each target area and every area below it that has terminals
 * or another channel's report), and overall. A town's figures include its villages'; a warning targeting a town and
 * one of its villages counts the village's people once, under the town.
 */
public record Coverage(UUID warningId, CoverageLine overall, List<CoverageLine> areas) {

    /** The areas below the reach target, each with its cause; none when the warning has nothing to reach them by. */
    public List<CoverageLine> lagging() {
        return areas.stream().filter(line -> line.cause() != null).toList();
    }

    public static Uni<Coverage> of(Warning warning, CoveragePolicy.Targets targets) {
        return Area.<Area>listAll().flatMap(areas -> of(warning, areas, targets));
    }

    /** The same, with the areas already read (a statistic works out many warnings' coverage at once). */
    public static Uni<Coverage> of(Warning warning, List<Area> areas, CoveragePolicy.Targets targets) {
        String inTargets = String.join(" OR ", warning.areaCodes().stream()
                .map(code -> "%s LIKE '" + AreaCodes.prefix(code) + "%%'").toList());
        // The prefixes are 12-digit codes validated on the way in (digits only), so they are safe in the statement.
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "SELECT t.area_code, t.population_served, a.outcome FROM terminal t "
                                        + "LEFT JOIN broadcast_ack a ON a.terminal_code = t.code AND a.warning_id = :w "
                                        + "WHERE " + inTargets.replace("%s", "t.area_code"), Object[].class)
                        .setParameter("w", warning.id).getResultList()
                        .flatMap(terminals -> session.createNativeQuery("SELECT r.area_code, r.channel, "
                                        + "r.people_reached FROM channel_reach r WHERE r.warning_id = :w AND "
                                        + "r.outcome = 'PLAYED' AND (" + inTargets.replace("%s", "r.area_code") + ")",
                                        Object[].class)
                                .setParameter("w", warning.id).getResultList()
                                .map(channels -> compute(warning, terminals, channels, areas, targets))));
    }

    private static Coverage compute(Warning warning, List<Object[]> terminals, List<Object[]> channels,
            List<Area> areaList, CoveragePolicy.Targets targets) {
        Map<String, Area> areas = new HashMap<>();
        areaList.forEach(area -> areas.put(area.code, area));
        // The outermost targets: a target inside another is counted under it, never beside it.
        List<String> roots = warning.areaCodes().stream().filter(code -> warning.areaCodes().stream()
                .noneMatch(other -> !other.equals(code) && AreaCodes.covers(other, code))).toList();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        warning.areaCodes().forEach(code -> tallies.put(code, new Tally()));
        for (Object[] row : terminals) {
            int served = ((Number) row[1]).intValue();
            String outcome = (String) row[2];
            for (String code : upTo(roots, (String) row[0], areas)) {
                tallies.computeIfAbsent(code, k -> new Tally()).terminal(served, outcome);
            }
        }
        for (Object[] row : channels) {
            long people = row[2] == null ? 0 : ((Number) row[2]).longValue();
            for (String code : upTo(roots, (String) row[0], areas)) {
                tallies.computeIfAbsent(code, k -> new Tally()).channel((String) row[1], people);
            }
        }
        List<CoverageLine> lines = new ArrayList<>();
        Tally total = new Tally();
        long totalPopulation = 0;
        Map<String, CoverageLine> rootLines = new HashMap<>();
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            Area area = areas.get(entry.getKey());
            CoverageLine line = entry.getValue().line(entry.getKey(), area, area == null ? 0 : area.population,
                    targets);
            lines.add(line);
            if (roots.contains(entry.getKey())) {
                rootLines.put(entry.getKey(), line);
                total.add(entry.getValue());
                totalPopulation += line.population();
            }
        }
        lines.sort(Comparator.comparing(CoverageLine::areaCode));
        return new Coverage(warning.id, Tally.overall(rootLines.values(), total, totalPopulation, targets), lines);
    }

    /** The area and every area above it up to the outermost target it lies in. */
    private static List<String> upTo(List<String> roots, String code, Map<String, Area> areas) {
        List<String> chain = new ArrayList<>();
        String at = code;
        while (at != null && within(roots, at)) {
            chain.add(at);
            if (roots.contains(at)) {
                break;
            }
            at = areas.containsKey(at) ? areas.get(at).parentCode : null;
        }
        return chain;
    }

    private static boolean within(List<String> roots, String code) {
        return roots.stream().anyMatch(root -> AreaCodes.covers(root, code));
    }
}
