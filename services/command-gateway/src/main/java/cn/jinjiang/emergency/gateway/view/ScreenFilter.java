package cn.jinjiang.emergency.gateway.view;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a screen (or a polling client) is shown. {@code scope} comes from the token (a duty officer's area) and is
 * never widened by what the client asks: an item must lie in the scope and in the requested area both, so a Cizao
 * officer asking for Dongshi is shown nothing.
 * <ul>
 *   <li>{@code area}: items in that area or below it; a warning also when it targets an area above it;</li>
 *   <li>{@code minGrade}: items of incidents at that grade or more serious; items of no incident (a unit at its
 *       station, a warehouse) pass, an incident not yet graded does not;</li>
 *   <li>{@code incidents}: only items of those incidents;</li>
 *   <li>{@code kinds}: only those kinds of item.</li>
 * </ul>
 * What an item shows is held to the scope as well: see {@link #body}.
 */
public record ScreenFilter(String scope, String area, Grade minGrade, Set<UUID> incidents, Set<ItemKind> kinds) {

    /** The query parameters a filter is read from, over HTTP and on the feed alike. */
    public static final Set<String> PARAMETERS = Set.of("area", "minGrade", "incidents", "kinds");
    static final int MAX_INCIDENTS = 200;

    public static ScreenFilter everything(String scope) {
        return new ScreenFilter(scope, null, null, Set.of(), Set.of());
    }

    /**
     * @param param a request parameter by name (query string), null when absent
     * @throws InvalidFieldException naming the parameter that is not understood
     */
    public static ScreenFilter of(String scope, Function<String, String> param) {
        String area = blankToNull(param.apply("area"));
        if (area != null && !AreaCodes.isValid(area)) {
            throw new InvalidFieldException("area", "must be a 12-digit administrative code");
        }
        Grade minGrade = null;
        String grade = blankToNull(param.apply("minGrade"));
        if (grade != null) {
            try {
                minGrade = Grade.valueOf(grade);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("minGrade", "must be one of I, II, III, IV");
            }
        }
        Set<UUID> incidents = new LinkedHashSet<>();
        for (String id : list(param.apply("incidents"))) {
            try {
                incidents.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("incidents", "must be incident ids (UUIDs) separated by commas");
            }
        }
        if (incidents.size() > MAX_INCIDENTS) {
            throw new InvalidFieldException("incidents", "at most " + MAX_INCIDENTS + " incidents");
        }
        Set<ItemKind> kinds = EnumSet.noneOf(ItemKind.class);
        for (String kind : list(param.apply("kinds"))) {
            try {
                kinds.add(ItemKind.of(kind));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("kinds", "must be among " + Arrays.stream(ItemKind.values())
                        .map(ItemKind::field).collect(Collectors.joining(", ")));
            }
        }
        return new ScreenFilter(scope, area, minGrade, Set.copyOf(incidents), Set.copyOf(kinds));
    }

    public boolean shows(PictureItem item) {
        return (kinds.isEmpty() || kinds.contains(item.kind()))
                && (incidents.isEmpty() || item.incidentId() != null && incidents.contains(item.incidentId()))
                && gradeShown(item)
                && (scope == null || inArea(scope, item))
                && (area == null || inArea(area, item));
    }

    /**
     * The item as this viewer is shown it: an incident's links to possible duplicates outside the token's scope are
     * left out (the requested area does not narrow them: it picks items, the scope decides what may be seen).
     */
    public ObjectNode body(PictureItem item) {
        return VisibleLinks.body(scope, item);
    }

    /** Whether this viewer is shown the item otherwise than the command centre is (some of its links left out). */
    public boolean narrows(PictureItem item) {
        return VisibleLinks.hidesSome(scope, item);
    }

    private boolean gradeShown(PictureItem item) {
        if (minGrade == null) {
            return true;
        }
        if (item.grade() == null) {
            return item.incidentId() == null;
        }
        return !minGrade.isMoreSeriousThan(item.grade());
    }

    private static boolean inArea(String area, PictureItem item) {
        for (String code : item.areaCodes()) {
            if (AreaCodes.covers(area, code) || item.kind() == ItemKind.WARNING && AreaCodes.covers(code, area)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s*,\\s*"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
