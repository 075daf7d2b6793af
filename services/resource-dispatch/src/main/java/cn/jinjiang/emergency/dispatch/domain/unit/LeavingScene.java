package cn.jinjiang.emergency.dispatch.domain.unit;

import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What ends when a unit reports that it has left the scene: its assignment to that incident. Assignments are kept by
 * the assignment feature, which builds on units; the unit's cycle names only this step, so the dependency runs one way.
 */
public interface LeavingScene {

    /** Runs in the caller's transaction, with the unit locked. */
    Uni<Void> leftScene(Unit unit, UUID incidentId, String by, OffsetDateTime at);
}
