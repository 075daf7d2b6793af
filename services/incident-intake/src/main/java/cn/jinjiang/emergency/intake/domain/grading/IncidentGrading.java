package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.intake.domain.Impact;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Grades an incident from its current impact by its category's rules, the worst criterion winning; below every
 * grade III threshold it is IV. Accidents go by the production-safety rule (deaths, serious injuries, direct loss),
 * natural disasters by deaths plus missing, people evacuated and houses collapsed (docs/grading.md). The grade of a
 * first report is provisional: every later report grades again as facts arrive.
 */
public final class IncidentGrading {

    private final Map<IncidentType, IncidentCategory> categories;
    private final Map<IncidentCategory, List<GradingRule>> rules = new EnumMap<>(IncidentCategory.class);

    public IncidentGrading(Map<IncidentType, IncidentCategory> categories, List<GradingRule> rules) {
        this.categories = Map.copyOf(categories);
        for (GradingRule rule : rules) {
            this.rules.computeIfAbsent(rule.category, c -> new ArrayList<>()).add(rule);
        }
        for (IncidentType type : IncidentType.values()) {
            if (!categories.containsKey(type)) {
                throw new IllegalStateException("incident type " + type + " has no category in incident_type");
            }
        }
    }

    public IncidentCategory category(IncidentType type) {
        return categories.get(type);
    }

    public Grade grade(IncidentType type, Impact impact) {
        Grade worst = Grade.IV;
        for (GradingRule rule : rules.getOrDefault(category(type), List.of())) {
            Grade grade = rule.grade(impact);
            if (grade.isMoreSeriousThan(worst)) {
                worst = grade;
            }
        }
        return worst;
    }
}
