package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.Position;

/**
 * Where a screen stands in the change stream: its {@link Position} (moved past every change it has been handed, shown
 * or filtered out), and, when it joined at a snapshot that names one, the number of the last change it holds
 * ({@link PreparedChange#number}). From a snapshot, the changes held for the screen and those read back from the
 * recent ones may overlap, and the number tells them apart exactly, removals (which have no position) included; a
 * screen that resumed from a position has only the position to go by. Guarded by the screen's lock.
 */
final class StreamPlace {

    private Position position = Position.START;
    private long number;

    /** At {@code from}, holding the changes up to {@code number} (0: not known). */
    void joinAt(Position from, long number) {
        this.position = from;
        this.number = number;
    }

    /** Whether the screen already has the change: in its snapshot or replay, or handed to it before. */
    boolean has(PreparedChange change) {
        if (number > 0 && change.number() > 0) {
            return change.number() <= number;
        }
        // Without numbers: the position tells (also for a screen resumed from an instance that was further on).
        return change.source() != null && !position.precedes(change.source());
    }

    /** Moves past the change. */
    void past(PreparedChange change) {
        if (change.source() != null) {
            position = change.positionAfter(position);
        }
        if (change.number() > 0) {
            number = change.number();
        }
    }

    Position position() {
        return position;
    }
}
