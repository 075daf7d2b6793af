package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Puts a shelter's changes in the outbox, in the transaction of the change. An open shelter's events are keyed by its
 * incident, so a screen sees them in order with the incident's reports; a shelter open for none by its own id.
 */
@ApplicationScoped
public class ShelterEvents {

    /** Who announces the register's shelters: the reference file, not a person. */
    public static final String REFERENCE_DATA = "reference-data";

    private final Outbox outbox;

    public ShelterEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> listed(Shelter shelter, OffsetDateTime at) {
        UUID key = shelter.incidentId != null ? shelter.incidentId : shelter.id;
        return add(EventType.SHELTER_LISTED, key, notice(shelter, shelter.incidentId, null, null, REFERENCE_DATA, at));
    }

    public Uni<Void> opened(Shelter shelter, ShelterOccupancyChange change) {
        return add(EventType.SHELTER_OPENED, key(shelter, change), notice(shelter, change.incidentId, null, null,
                change.changedBy, change.changedAt));
    }

    public Uni<Void> occupancyChanged(Shelter shelter, ShelterOccupancyChange change) {
        return add(EventType.SHELTER_OCCUPANCY_CHANGED, key(shelter, change), notice(shelter, change.incidentId,
                change.arrived, change.departed, change.changedBy, change.changedAt));
    }

    /**
     * Keyed by, and naming, what the shelter was open for: the last of that incident's shelter events. Called before
     * the shelter is vacated.
     */
    public Uni<Void> closed(Shelter shelter, ShelterOccupancyChange change) {
        return add(EventType.SHELTER_CLOSED, key(shelter, change), notice(shelter, change.incidentId, null, null,
                change.changedBy, change.changedAt));
    }

    /** The incident it is open for, else (for a warning or a transfer before any incident) the shelter itself. */
    private static UUID key(Shelter shelter, ShelterOccupancyChange change) {
        return change.incidentId != null ? change.incidentId : shelter.id;
    }

    private Uni<Void> add(EventType type, UUID key, ShelterNotice notice) {
        return outbox.add(type, key, notice).replaceWithVoid();
    }

    private static ShelterNotice notice(Shelter shelter, UUID incident, Integer arrived, Integer left, String by,
            OffsetDateTime at) {
        return new ShelterNotice(shelter.id, shelter.code, shelter.name, shelter.kind, shelter.areaCode,
                shelter.position(), shelter.capacity, shelter.occupancy, shelter.status, incident, shelter.warningId,
                shelter.transferId, arrived, left,
                shelter.version, by, at);
    }
}
