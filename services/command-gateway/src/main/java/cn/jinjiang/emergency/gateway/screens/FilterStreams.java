package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.view.ScreenFilter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link FilterStream} per filter that an open screen has: a screen takes its filter's when it opens (before it
 * joins, so every change after its join is prepared for it) and lets go when it closes; a filter's stream goes with
 * its last screen. Command centres mostly share a few filters, so a change is written a few times, not per screen.
 */
final class FilterStreams {

    private final Map<ScreenFilter, FilterStream> streams = new HashMap<>();
    /** A copy for the hand-over, remade only when a stream comes or goes. */
    private volatile List<FilterStream> all = List.of();

    synchronized FilterStream join(ScreenFilter filter) {
        FilterStream stream = streams.computeIfAbsent(filter, FilterStream::new);
        if (stream.screens++ == 0) {
            all = List.copyOf(streams.values());
        }
        return stream;
    }

    synchronized void leave(FilterStream stream) {
        if (--stream.screens == 0) {
            streams.remove(stream.filter(), stream);
            all = List.copyOf(streams.values());
        }
    }

    List<FilterStream> all() {
        return all;
    }
}
