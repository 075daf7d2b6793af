package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.view.ScreenFilter;

/**
 * The changes shown to the screens of one filter, as one stream: each change's message is made once for them all
 * ({@link PreparedChange#prepareFor}) and names the change shown to this filter before it ({@code prev}), so a screen
 * can tell it missed one without a sequence number of its own. Shared by the open screens with the filter
 * ({@link FilterStreams}).
 */
final class FilterStream {

    private final ScreenFilter filter;
    /** The number of the last change shown to this filter; 0 before the first. Only the hand-over touches it. */
    private long lastShown;
    /** Open screens with this filter; guarded by {@link FilterStreams}. */
    int screens;

    FilterStream(ScreenFilter filter) {
        this.filter = filter;
    }

    ScreenFilter filter() {
        return filter;
    }

    /** The change before {@code number} shown to this filter, then {@code number} becomes the last one. */
    long shown(long number) {
        long previous = lastShown;
        lastShown = number;
        return previous;
    }
}
