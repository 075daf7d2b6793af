package cn.jinjiang.emergency.gateway.screens;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last changes handed to the screens, as written for them, so that a screen can join at a snapshot made a moment
 * ago and be handed what came after it, instead of a snapshot of its own: with thousands of open incidents a snapshot
 * is megabytes to pick, sort and join, and screens joining together (a command centre's wall after a restart, a
 * client that reconnects over and over) share one.
 */
final class RecentChanges {

    private final int capacity;
    private final ArrayDeque<PreparedChange> changes;

    RecentChanges(int capacity) {
        this.capacity = capacity;
        this.changes = new ArrayDeque<>(capacity);
    }

    /** Changes come numbered one after another, in the order the picture took them in. */
    synchronized void add(PreparedChange change) {
        if (changes.size() == capacity) {
            changes.removeFirst();
        }
        changes.addLast(change);
    }

    /**
     * The changes after number {@code last} handed over so far, or null when the first of them is no longer kept.
     * Those taken in and not yet handed over are not here: a screen gets them as they are handed over.
     */
    synchronized List<PreparedChange> after(long last) {
        if (changes.isEmpty() || changes.peekLast().number() <= last) {
            return List.of();
        }
        if (changes.peekFirst().number() > last + 1) {
            return null;
        }
        List<PreparedChange> after = new ArrayList<>();
        for (PreparedChange change : changes) {
            if (change.number() > last) {
                after.add(change);
            }
        }
        return after;
    }
}
