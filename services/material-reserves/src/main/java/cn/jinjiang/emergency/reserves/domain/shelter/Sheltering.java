package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Opens shelters for incidents, warnings or transfers, counts people in and out, closes them. Every change locks the shelter's row first, so
 * any number of concurrent reports, on any number of instances, apply one after another, each to the count the one
 * before left; a report that would take the count above capacity or below zero is refused (409) and changes nothing.
 * The table's checks hold the same line should any path get past this.
 */
@ApplicationScoped
public class Sheltering {

    private final ShelterEvents events;

    public Sheltering(ShelterEvents events) {
        this.events = events;
    }

    /**
     * What a shelter opens for: an incident, an issued warning in force, or an open transfer (one of the three).
     *
     * @throws InvalidFieldException naming {@code incidentId} when not exactly one is named
     */
    public record OpenFor(UUID incidentId, UUID warningId, UUID transferId) {

        public OpenFor {
            long named = Stream.of(incidentId, warningId, transferId).filter(Objects::nonNull).count();
            if (named != 1) {
                throw new InvalidFieldException("incidentId", "name one of incidentId, warningId or transferId: what "
                        + "the shelter opens for");
            }
        }
    }

    @WithTransaction
    public Uni<Shelter> open(UUID shelterId, OpenFor purpose, String note, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(shelterId).flatMap(shelter -> ShelterPurpose.of(purpose).flatMap(opened -> {
            if (shelter.isOpen()) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code + " is already open"
                        + ShelterPurpose.describe(shelter)));
            }
            shelter.status = ShelterNotice.Status.OPEN;
            shelter.incidentId = opened.incidentId();
            shelter.warningId = opened.warningId();
            shelter.transferId = opened.transferId();
            shelter.openedAt = now;
            shelter.openedBy = by;
            ShelterOccupancyChange change = shelter.change(ShelterOccupancyChange.Kind.OPENED, opened.incidentId(),
                    0, 0, note, by, now);
            return change.persist().call(() -> events.opened(shelter, change)).replaceWith(shelter);
        }));
    }

    /**
     * People arrived at or left an open shelter; both counts in one report apply together. A duty officer reports
     * only for shelters in their own area and below (403 elsewhere).
     */
    @WithTransaction
    public Uni<Shelter> report(UUID shelterId, int arrived, int left, String note, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(shelterId).flatMap(shelter -> {
            if (!caller.mayAccess(shelter.areaCode)) {
                return Uni.createFrom().failure(new ForbiddenException("Occupancy of " + shelter.code
                        + " is reported by its own area, not " + caller.scope()));
            }
            if (!shelter.isOpen()) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code
                        + " is closed; it takes occupancy reports once it is opened"));
            }
            long next = (long) shelter.occupancy + arrived - left;
            if (next > shelter.capacity) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code + " has " + shelter.free()
                        + " free places of " + shelter.capacity + "; " + arrived + " arriving"
                        + (left > 0 ? " and " + left + " leaving" : "") + " would put it over capacity"));
            }
            if (next < 0) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code + " has "
                        + shelter.occupancy + " people inside; " + left + " cannot have left"
                        + (arrived > 0 ? " with " + arrived + " arriving" : "")));
            }
            shelter.occupancy = (int) next;
            ShelterOccupancyChange change = shelter.change(ShelterOccupancyChange.Kind.REPORTED, shelter.incidentId,
                    arrived, left, note, caller.name(), now);
            return change.persist().call(() -> events.occupancyChanged(shelter, change)).replaceWith(shelter);
        });
    }

    /**
     * Closes an empty shelter. Nobody is counted out by closing: people still inside are reported as left first, so
     * the record says where everyone went when (409 until then).
     */
    @WithTransaction
    public Uni<Shelter> close(UUID shelterId, String note, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(shelterId).flatMap(shelter -> {
            if (!shelter.isOpen()) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code + " is not open"));
            }
            if (shelter.occupancy > 0) {
                return Uni.createFrom().failure(new ShelterConflictException(shelter.code + " still has "
                        + shelter.occupancy + " people inside; report them as left before closing it"));
            }
            shelter.status = ShelterNotice.Status.CLOSED;
            ShelterOccupancyChange change = shelter.change(ShelterOccupancyChange.Kind.CLOSED, shelter.incidentId, 0,
                    0, note, by, now);
            // Announced as what it was open for, then open for nothing.
            return change.persist().call(() -> events.closed(shelter, change)).invoke(shelter::vacate)
                    .replaceWith(shelter);
        });
    }

    static Uni<Shelter> locked(UUID id) {
        return Shelter.<Shelter>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No shelter " + id));
    }

}
