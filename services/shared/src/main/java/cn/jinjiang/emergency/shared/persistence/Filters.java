package cn.jinjiang.emergency.shared.persistence;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.panache.common.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The where clause of a list endpoint's search, from optional filters: each filter given adds a condition (joined by
 * and), a filter left out adds none; with none at all the search lists every row ({@link #isEmpty()}).
 */
public final class Filters {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** {@code field = value}, if a value is given. */
    public Filters equal(String field, Object value) {
        return where(field + " = :%s", value);
    }

    /** The field's administrative code is the area or one below it, if an area is given. */
    public Filters inArea(String field, String area) {
        return area == null ? this : where(field + " like :%s", AreaCodes.prefix(area) + "%");
    }

    /** A condition with one parameter, written {@code :%s} in it, if a value is given. */
    public Filters where(String condition, Object value) {
        if (value != null) {
            String name = "p" + conditions.size();
            conditions.add(condition.formatted(name));
            parameters.and(name, value);
        }
        return this;
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    public String query() {
        return String.join(" and ", conditions);
    }

    public Parameters parameters() {
        return parameters;
    }
}
