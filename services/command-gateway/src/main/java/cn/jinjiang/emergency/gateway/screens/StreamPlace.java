package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.Position;

/**
 * Where a screen stands in the change stream: the position it joined at and the number of the last change it holds
 * (its snapshot's, or the picture's when it resumed; then each change handed to it), and the position it has reached.
 * The changes held for a joining screen and those read back from the recent ones may overlap, and the number tells
 * them apart exactly, removals (which have no position) included; a change read back from the log has no number and
 * is told by the position the screen joined at (as is a change an instance further on had already shown it). Guarded
 * by the screen's lock.
 */
final class StreamPlace {

    private Position from = Position.START;
    private Position position = Position.START;
    private long number;

    /** At {@code from}, holding the changes up to {@code number} (0: none this instance numbered). */
    void joinAt(Position from, long number) {
        this.from = from;
        this.position = from;
        this.number = number;
    }

    /**
     * Whether the screen already has the change: in its snapshot or replay, or handed to it before. Changes come in
     * order, so one whose record the join position covers was had before the join, and one numbered up to the
     * screen's number was too.
     */
    boolean has(PreparedChange change) {
        if (change.number() > 0 && change.number() <= number) {
            return true;
        }
        return change.source() != null && !from.precedes(change.source());
    }

    /** Moves past the change. */
    void past(PreparedChange change) {
        if (change.number() > 0) {
            number = change.number();
            position = change.position();
        } else if (change.source() != null) {
            position = position.after(change.source());
        }
    }

    /** The number of the last change the screen holds (0: none numbered). */
    long number() {
        return number;
    }

    Position position() {
        return position;
    }
}
