package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The response plans (run cards, 响应预案): per incident type and grade, the units of each capability it needs. Reference
 * data that changes only with a migration, so it is read once and kept.
 */
@ApplicationScoped
public class RunCards {

    /** One line of a run card. */
    public record Need(Capability capability, int units) {
    }

    private volatile Map<IncidentType, Map<Grade, List<Need>>> cards;

    /**
     * The card for this type and grade, its lines in capability order; empty if the bureau has none for it. Runs in
     * the caller's session.
     */
    public Uni<List<Need>> card(IncidentType type, Grade grade) {
        Map<IncidentType, Map<Grade, List<Need>>> loaded = cards;
        if (loaded != null) {
            return Uni.createFrom().item(lookup(loaded, type, grade));
        }
        // Through the caller's session, not a second connection from the pool it already holds one of.
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT incident_type, grade, capability, min_units FROM response_plan", Object[].class)
                        .getResultList())
                .map(rows -> {
                    Map<IncidentType, Map<Grade, List<Need>>> all = new EnumMap<>(IncidentType.class);
                    for (Object[] row : rows) {
                        all.computeIfAbsent(IncidentType.valueOf((String) row[0]), t -> new HashMap<>())
                                .computeIfAbsent(Grade.valueOf((String) row[1]), g -> new ArrayList<>())
                                .add(new Need(Capability.valueOf((String) row[2]), ((Number) row[3]).intValue()));
                    }
                    all.values().forEach(byGrade -> byGrade.values().forEach(needs -> needs.sort(
                            (a, b) -> a.capability().compareTo(b.capability()))));
                    cards = all;
                    return lookup(all, type, grade);
                });
    }

    private static List<Need> lookup(Map<IncidentType, Map<Grade, List<Need>>> cards, IncidentType type,
            Grade grade) {
        return List.copyOf(cards.getOrDefault(type, Map.of()).getOrDefault(grade, List.of()));
    }
}
