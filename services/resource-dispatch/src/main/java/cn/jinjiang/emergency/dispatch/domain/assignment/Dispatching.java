package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.config.DispatchPolicy;
import cn.jinjiang.emergency.dispatch.domain.index.TravelTime;
import cn.jinjiang.emergency.dispatch.domain.unit.LeavingScene;
import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitEvents;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitStatusChange;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitUnavailableException;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.events.UnitReleased;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends units to incidents and takes them back. A unit is booked by locking its row and finding it AVAILABLE: of any
 * number of concurrent requests, on any number of instances, the first to lock it wins and every other one finds it
 * DISPATCHED and gets 409. Units are locked in id order, so two requests for overlapping units cannot deadlock. A
 * request either books all its units or none. Another bureau's units go to an incident only as far as that bureau
 * lent them by mutual aid ({@link LentUnits}).
 */
@ApplicationScoped
public class Dispatching implements LeavingScene {

    private final AssignmentEvents events;
    private final UnitEvents unitEvents;
    private final TravelTime travelTime;
    private final DispatchPolicy policy;
    private final LentUnits lentUnits;

    public Dispatching(AssignmentEvents events, UnitEvents unitEvents, TravelTime travelTime, DispatchPolicy policy,
                       LentUnits lentUnits) {
        this.lentUnits = lentUnits;
        this.events = events;
        this.unitEvents = unitEvents;
        this.travelTime = travelTime;
        this.policy = policy;
    }

    /** A unit booked for the incident, with its estimated arrival from where it was. */
    public record Booked(Assignment assignment, Unit unit, double etaMinutes) {
    }

    @WithTransaction
    public Uni<List<Booked>> assign(UUID incidentId, List<UUID> unitIds, String dispatcher) {
        Set<UUID> ids = new LinkedHashSet<>(unitIds);
        if (ids.size() != unitIds.size()) {
            throw new InvalidFieldException("unitIds", "names a unit more than once");
        }
        if (ids.size() > policy.maxUnitsPerAssignment()) {
            throw new InvalidFieldException("unitIds", "at most " + policy.maxUnitsPerAssignment()
                    + " units per request");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return openIncident(incidentId).flatMap(incident -> lockedUnits(ids).flatMap(units -> {
            List<String> busy = units.stream().filter(unit -> unit.status != UnitStatus.AVAILABLE)
                    .map(unit -> unit.callSign + " is " + unit.status).toList();
            if (!busy.isEmpty()) {
                return Uni.createFrom().failure(new UnitUnavailableException(
                        "Not available, nothing assigned: " + String.join(", ", busy)));
            }
            return lentUnits.check(incident, units).chain(() -> Multi.createFrom().iterable(units)
                    .onItem().transformToUniAndConcatenate(unit -> book(incident, unit, null, dispatcher, now))
                    .collect().asList());
        }));
    }

    /** Takes a unit off the incident: home if it had not left, else on its way back. */
    @WithTransaction
    public Uni<Unit> release(UUID incidentId, UUID unitId, String reason, String dispatcher) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Unit.locked(unitId).flatMap(unit -> openAssignment(incidentId, unit).flatMap(assignment -> {
            assignment.close(reason, dispatcher, now);
            UnitStatus next = unit.status.afterRelease();
            UnitStatusChange change = unit.moveTo(next, next == UnitStatus.RETURNING ? incidentId : null, reason,
                    dispatcher, now);
            return events.released(unit, assignment, UnitReleased.Cause.RELEASED, null)
                    .call(() -> unitEvents.statusChanged(unit, change))
                    .replaceWith(unit);
        }));
    }

    /** Sends a unit busy with one incident straight to another, ending the first assignment. */
    @WithTransaction
    public Uni<Booked> reassign(UUID incidentId, UUID unitId, UUID toIncidentId, String reason, String dispatcher) {
        if (incidentId.equals(toIncidentId)) {
            throw new InvalidFieldException("toIncidentId", "is the incident the unit is already assigned to");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return openIncident(toIncidentId, "toIncidentId").flatMap(target -> Unit.locked(unitId)
                .flatMap(unit -> openAssignment(incidentId, unit).flatMap(assignment -> {
                    assignment.close(reason, dispatcher, now);
                    // Closed in the database before the new one is inserted: one open assignment per unit, always.
                    return lentUnits.check(target, List.of(unit)).chain(Panache::flush)
                            .flatMap(ignored -> book(target, unit, reason, dispatcher, now))
                            .call(booked -> events.released(unit, assignment, UnitReleased.Cause.REASSIGNED,
                                    toIncidentId));
                })));
    }

    /**
     * The unit, on its own status report, has left the scene: its assignment ends there. Runs in the caller's
     * transaction, with the unit locked.
     */
    @Override
    public Uni<Void> leftScene(Unit unit, UUID incidentId, String by, OffsetDateTime at) {
        return Assignment.openFor(unit.id).flatMap(assignment -> {
            if (assignment == null || !assignment.incidentId.equals(incidentId)) {
                return Uni.createFrom().voidItem();
            }
            assignment.close("Left the scene", by, at);
            return events.released(unit, assignment, UnitReleased.Cause.LEFT_SCENE, null);
        });
    }

    private Uni<Booked> book(Incident incident, Unit unit, String reason, String dispatcher, OffsetDateTime now) {
        double eta = travelTime.minutes(unit.type, unit.position(),
                new GeoPoint(incident.latitude, incident.longitude));
        Assignment assignment = Assignment.of(incident.id, unit.id, dispatcher, now);
        UnitStatusChange change = unit.moveTo(UnitStatus.DISPATCHED, incident.id, reason, dispatcher, now);
        return assignment.persist()
                .call(() -> events.assigned(unit, assignment, eta))
                .call(() -> unitEvents.statusChanged(unit, change))
                .replaceWith(new Booked(assignment, unit, eta));
    }

    private static Uni<Incident> openIncident(UUID id) {
        return openIncident(id, null);
    }

    /**
     * The incident, share-locked so that its closing (from incident-events) waits for this assignment and then sees
     * it, rather than the two crossing.
     */
    private static Uni<Incident> openIncident(UUID id, String field) {
        return Incident.<Incident>findById(id, LockModeType.PESSIMISTIC_READ).flatMap(incident -> {
            if (incident == null) {
                return Uni.createFrom().failure(field == null
                        ? new NotFound("No incident " + id + " is known here")
                        : new InvalidFieldException(field, "no incident " + id + " is known here"));
            }
            if (!incident.isOpen()) {
                return Uni.createFrom().failure(new Conflict("Incident " + id + " is "
                        + incident.status + "; units are sent to open incidents only"));
            }
            return Uni.createFrom().item(incident);
        });
    }

    private static Uni<List<Unit>> lockedUnits(Set<UUID> ids) {
        return Unit.<Unit>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .invoke(units -> {
                    Set<UUID> found = units.stream().map(unit -> unit.id).collect(Collectors.toSet());
                    List<UUID> unknown = new ArrayList<>(ids);
                    unknown.removeAll(found);
                    if (!unknown.isEmpty()) {
                        throw new InvalidFieldException("unitIds", "unknown units: " + unknown);
                    }
                });
    }

    private static Uni<Assignment> openAssignment(UUID incidentId, Unit unit) {
        return Assignment.openFor(unit.id).map(assignment -> {
            if (assignment == null || !assignment.incidentId.equals(incidentId)) {
                throw new UnitUnavailableException(unit.callSign + " is not assigned to incident " + incidentId
                        + " (it is " + unit.status + ")");
            }
            return assignment;
        });
    }
}
