package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.UnitStatus;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What units report from the field: their status as they go through the cycle, and their position. DISPATCHED is
 * reached by assignment only; a report of the status the unit already has changes nothing (a retry over a poor link).
 */
@ApplicationScoped
public class UnitCycle {

    private final UnitEvents events;
    private final LeavingScene leavingScene;
    private final UnitPositions positions;

    public UnitCycle(UnitEvents events, LeavingScene leavingScene, UnitPositions positions) {
        this.events = events;
        this.leavingScene = leavingScene;
        this.positions = positions;
    }

    @WithTransaction
    public Uni<Unit> report(UUID unitId, StatusReport report, String by, String ownCallSign) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Unit.locked(unitId).invoke(unit -> UnitAccess.require(unit, ownCallSign)).flatMap(unit -> {
            if (unit.status == report.status()) {
                return Uni.createFrom().item(unit);
            }
            if (!unit.status.reportable().contains(report.status())) {
                return Uni.createFrom().failure(new UnitUnavailableException(unit.callSign + " cannot go from "
                        + unit.status + " to " + report.status() + "; from " + unit.status + " it may report "
                        + unit.status.reportable() + (report.status() == UnitStatus.DISPATCHED
                        ? " (a unit is dispatched by assigning it to an incident)" : "")));
            }
            UUID incident = unit.incidentId;
            UUID after = report.status() == UnitStatus.AVAILABLE || report.status() == UnitStatus.OUT_OF_SERVICE
                    ? null : incident;
            String reason = report.reason() == null ? null : report.reason().strip();
            UnitStatusChange change = unit.moveTo(report.status(), after, reason, by, now);
            Uni<Void> assignmentEnd = report.status() == UnitStatus.RETURNING && incident != null
                    ? leavingScene.leftScene(unit, incident, by, now) : Uni.createFrom().voidItem();
            return assignmentEnd.call(() -> events.statusChanged(unit, change)).replaceWith(unit);
        });
    }

    @WithTransaction
    public Uni<Unit> move(UUID unitId, PositionReport position, String ownCallSign) {
        return Unit.locked(unitId).invoke(unit -> {
            UnitAccess.require(unit, ownCallSign);
            unit.latitude = position.latitude();
            unit.longitude = position.longitude();
            unit.positionAt = OffsetDateTime.now(ZoneOffset.UTC);
            unit.updatedAt = unit.positionAt;
            unit.positionVersion++;
        }).call(unit -> positions.reported(unit, unit.positionAt));
    }
}
