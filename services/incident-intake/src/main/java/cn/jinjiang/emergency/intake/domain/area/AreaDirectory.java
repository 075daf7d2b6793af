package cn.jinjiang.emergency.intake.domain.area;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The administrative areas, read once and kept: every report checks its area, and at hundreds of reports a second
 * that lookup was a fifth of intake's statements. Areas are reference data that only a migration changes, and
 * migrations run at start-up, so a copy taken after start-up stays right for the life of the process.
 */
@ApplicationScoped
public class AreaDirectory {

    private volatile Map<String, Area> byCode;

    /** The area with this code, or null; must run where a Hibernate session is open (only the first call uses it). */
    public Uni<Area> find(String code) {
        Map<String, Area> areas = byCode;
        if (areas != null) {
            return Uni.createFrom().item(areas.get(code));
        }
        return Area.listByCode().map(this::keep).map(loaded -> loaded.get(code));
    }

    /** All areas in code order. */
    public Uni<List<Area>> all() {
        Map<String, Area> areas = byCode;
        if (areas != null) {
            return Uni.createFrom().item(List.copyOf(areas.values()));
        }
        return Area.listByCode().map(this::keep).map(loaded -> List.copyOf(loaded.values()));
    }

    private Map<String, Area> keep(List<Area> areas) {
        // Loaded concurrently by two first callers at worst: both copies are the same data.
        Map<String, Area> loaded = areas.stream().collect(Collectors.toMap(a -> a.code, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        byCode = Collections.unmodifiableMap(loaded);
        return byCode;
    }
}
