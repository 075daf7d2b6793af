package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.shared.contract.IncidentType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The incident types and grading rules as loaded at start-up, read once and kept, for the same reason as the areas
 * ({@code AreaDirectory}): only a migration changes them, and migrations run before the service takes requests.
 */
@ApplicationScoped
public class GradingPolicy {

    private volatile Loaded loaded;

    private record Loaded(List<IncidentTypeDefinition> types, IncidentGrading grading) {
    }

    /** Must run where a Hibernate session is open (only the first call uses it). */
    public Uni<IncidentGrading> grading() {
        return load().map(Loaded::grading);
    }

    /** The closed list of incident types, in the reference file's order. */
    public Uni<List<IncidentTypeDefinition>> types() {
        return load().map(Loaded::types);
    }

    private Uni<Loaded> load() {
        Loaded current = loaded;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return IncidentTypeDefinition.<IncidentTypeDefinition>list("order by position")
                .flatMap(types -> GradingRule.<GradingRule>listAll().map(rules -> {
                    Map<IncidentType, IncidentCategory> categories = types
                            .stream().collect(Collectors.toMap(t -> t.code, t -> t.category));
                    Loaded fresh = new Loaded(List.copyOf(types), new IncidentGrading(categories, rules));
                    loaded = fresh;
                    return fresh;
                }));
    }
}
