package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.UnitListed;
import cn.jinjiang.emergency.shared.contract.events.UnitPositionChanged;
import cn.jinjiang.emergency.shared.contract.events.UnitStatusChanged;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Records a unit's moves: the status change joins the unit's timeline and, in the same transaction, the outbox. Every
 * event about an incident's units is keyed by that incident, so a screen sees them in order with its reports.
 */
@ApplicationScoped
public class UnitEvents {

    private final Outbox outbox;

    public UnitEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<UnitStatusChange> statusChanged(Unit unit, UnitStatusChange change) {
        // A unit busy with no incident (in or out of service) has its own id as the key.
        UUID subject = change.incidentId != null ? change.incidentId : unit.id;
        return change.persist().replaceWith(change)
                .call(() -> outbox.add(EventType.UNIT_STATUS_CHANGED, subject, new UnitStatusChanged(unit.id,
                        unit.callSign, unit.type, change.unitVersion, change.previousStatus, change.status,
                        change.incidentId, change.reason, change.changedBy, change.changedAt, unit.position())));
    }

    /** Publishes the unit's latest position, marking it published now; keyed like its status changes. */
    public Uni<Void> positionChanged(Unit unit, OffsetDateTime at) {
        unit.positionAnnouncedVersion = unit.positionVersion;
        unit.positionAnnouncedAt = at;
        UUID subject = unit.incidentId != null ? unit.incidentId : unit.id;
        return outbox.add(EventType.UNIT_POSITION_CHANGED, subject, new UnitPositionChanged(unit.id, unit.callSign,
                        unit.incidentId, unit.position(), unit.positionVersion, unit.positionAt))
                .replaceWithVoid();
    }

    /**
     * Announces the unit as it stands, marking its standing data announced; keyed like its status changes, so a
     * unit busy with an incident is listed in order with that incident's events.
     */
    public Uni<Void> listed(Unit unit, String by, OffsetDateTime at) {
        unit.announcedVersion = unit.listedVersion;
        UUID subject = unit.incidentId != null ? unit.incidentId : unit.id;
        return outbox.add(EventType.UNIT_LISTED, subject, new UnitListed(unit.id, unit.callSign, unit.type,
                        List.copyOf(unit.capabilities()), unit.stationCode, unit.areaCode, unit.crew, unit.status,
                        unit.incidentId, unit.version, unit.position(), unit.listedVersion, by, at))
                .replaceWithVoid();
    }
}
