package cn.jinjiang.emergency.intake.domain.contingency;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The contingency plans in force (each plan's latest version), and how far they cover the types and levels. */
@ApplicationScoped
public class ContingencyPlans {

    private static final String PLANS = """
            SELECT p.code, p.version, p.jurisdiction, p.incident_type, p.level, p.leading_body, p.name_zh,
                   p.illustrative, t.task, t.what_zh, t.responsible, t.within_minutes, t.fulfilled_by
            FROM (SELECT DISTINCT ON (code) * FROM contingency_plan ORDER BY code, version DESC) p
            LEFT JOIN contingency_plan_task t ON t.plan_code = p.code AND t.version = p.version
            WHERE ($1::text IS NULL OR p.jurisdiction = $1) AND ($2::text IS NULL OR p.incident_type = $2)
              AND ($3::text IS NULL OR p.level = $3)
            ORDER BY p.jurisdiction, p.incident_type, p.level DESC, t.position""";

    private static final List<String> LEVELS = List.of("IV", "III", "II", "I");

    private final Pool pool;

    public ContingencyPlans(Pool pool) {
        this.pool = pool;
    }

    /** A task a plan requires once activated: what, the role answering for it, within how long. */
    public record Task(String task, String whatZh, String responsible, int withinMinutes, String fulfilledBy) {
    }

    /** @param leadingBody the county bureau, or Quanzhou's for levels I-II */
    public record Plan(String code, int version, String jurisdiction, IncidentType incidentType, Grade level,
                       String leadingBody, String nameZh, boolean illustrative, List<Task> tasks) {
    }

    /**
     * One bureau's coverage: of every incident type at every level, how many pairs have a plan.
     *
     * @param missing the pairs without one, as TYPE/LEVEL
     */
    public record Coverage(String jurisdiction, int pairs, int covered, double percent, List<String> missing) {
    }

    /** @param jurisdiction a bureau's six digits, or null for both */
    public Uni<List<Plan>> list(String jurisdiction, IncidentType type, Grade level) {
        return pool.preparedQuery(PLANS).execute(Tuple.of(jurisdiction, type == null ? null : type.name(),
                level == null ? null : level.name())).map(rows -> {
                    Map<String, Plan> plans = new LinkedHashMap<>();
                    for (Row row : rows) {
                        Plan plan = plans.computeIfAbsent(row.getString("code"), code -> new Plan(code,
                                row.getInteger("version"), row.getString("jurisdiction"),
                                IncidentType.valueOf(row.getString("incident_type")),
                                Grade.valueOf(row.getString("level")), row.getString("leading_body"),
                                row.getString("name_zh"), row.getBoolean("illustrative"), new ArrayList<>()));
                        if (row.getString("task") != null) {
                            plan.tasks().add(new Task(row.getString("task"), row.getString("what_zh"),
                                    row.getString("responsible"), row.getInteger("within_minutes"),
                                    row.getString("fulfilled_by")));
                        }
                    }
                    return List.copyOf(plans.values());
                });
    }

    /**
     * Per bureau (the ones asked for: {@code jurisdictions}), the incident types times the four levels, and which of
     * those pairs have a plan in force; the plans' target is every pair.
     */
    public Uni<List<Coverage>> coverage(List<String> jurisdictions) {
        return list(null, null, null).map(plans -> {
            Map<String, Set<String>> covered = new TreeMap<>();
            jurisdictions.forEach(j -> covered.put(j, new TreeSet<>()));
            plans.forEach(plan -> {
                Set<String> pairs = covered.get(plan.jurisdiction());
                if (pairs != null) {
                    pairs.add(plan.incidentType() + "/" + plan.level());
                }
            });
            List<Coverage> lines = new ArrayList<>();
            covered.forEach((jurisdiction, pairs) -> {
                List<String> missing = new ArrayList<>();
                Arrays.stream(IncidentType.values()).forEach(type -> LEVELS.forEach(level -> {
                    if (!pairs.contains(type + "/" + level)) {
                        missing.add(type + "/" + level);
                    }
                }));
                int all = IncidentType.values().length * LEVELS.size();
                lines.add(new Coverage(jurisdiction, all, pairs.size(),
                        Math.round(1000.0 * pairs.size() / all) / 10.0, missing));
            });
            return lines;
        });
    }
}
