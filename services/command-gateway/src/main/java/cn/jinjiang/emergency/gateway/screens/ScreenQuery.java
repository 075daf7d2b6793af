package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A screen's query string: its filters ({@link ScreenFilter}) and {@code from}, the position to resume from. */
record ScreenQuery(Map<String, List<String>> parameters) {

    static final Set<String> NAMES = names();

    /** The filter's parameters and {@code from}. */
    private static Set<String> names() {
        Set<String> names = new HashSet<>(ScreenFilter.PARAMETERS);
        names.add("from");
        return Set.copyOf(names);
    }

    static ScreenQuery of(String query) {
        return new ScreenQuery(new QueryStringDecoder(query == null ? "" : query, false).parameters());
    }

    /** @throws InvalidFieldException for a parameter the feed does not know, or one given twice */
    void check() {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!NAMES.contains(parameter.getKey())) {
                throw new InvalidFieldException(parameter.getKey(), "is not a filter of the feed");
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidFieldException(parameter.getKey(), "may be given once");
            }
        }
    }

    String get(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Position position(String token) {
        try {
            return Position.parse(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("from", "is not a position this gateway gave: " + e.getMessage());
        }
    }
}
