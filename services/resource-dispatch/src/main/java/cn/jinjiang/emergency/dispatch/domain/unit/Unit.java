package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A rescue unit: a fire engine, a town team, an ambulance, a helicopter crew. */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "call_sign")
    public String callSign;

    @Enumerated(EnumType.STRING)
    public UnitType type;

    /** Canonical "FIRE,HAZMAT" form ({@link #capabilities(Set)}), so one LIKE filters by capability. */
    @Column(name = "capabilities")
    public String capabilityList;

    @Column(name = "station_code")
    public String stationCode;

    @Column(name = "area_code")
    public String areaCode;

    public int crew;

    public double latitude;

    public double longitude;

    @Column(name = "position_at")
    public OffsetDateTime positionAt;

    @Enumerated(EnumType.STRING)
    public UnitStatus status;

    @Column(name = "status_since")
    public OffsetDateTime statusSince;

    /** The incident the unit is busy with, from its assignment until it is available again. */
    @Column(name = "incident_id")
    public UUID incidentId;

    /** Counts status changes; carried by every event about the unit so consumers can order them. */
    public long version;

    public boolean illustrative;

    /** Counts changes of the standing data (type, capabilities, station, area, crew); starts at 1. */
    @Column(name = "listed_version")
    public long listedVersion = 1;

    /** The {@link #listedVersion} last announced as unit.listed; behind it, the unit is still to be announced. */
    @Column(name = "announced_version")
    public long announcedVersion;

    /** Counts position reports; carried by unit.position-changed so consumers keep the newest. */
    @Column(name = "position_version")
    public long positionVersion;

    /** The {@link #positionVersion} last published as unit.position-changed, and when (null: never). */
    @Column(name = "position_announced_version")
    public long positionAnnouncedVersion;

    @Column(name = "position_announced_at")
    public OffsetDateTime positionAnnouncedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Set<Capability> capabilities() {
        return capabilities(capabilityList);
    }

    /** Reads the canonical form back. */
    public static Set<Capability> capabilities(String list) {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        Arrays.stream(list.split(",")).filter(s -> !s.isEmpty()).map(Capability::valueOf)
                .forEach(capabilities::add);
        return capabilities;
    }

    /** The canonical form of a capability set in the unit table: declaration order, comma-separated. */
    public static String capabilities(Set<Capability> capabilities) {
        return capabilities.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }


    public GeoPoint position() {
        return new GeoPoint(latitude, longitude);
    }

    /** The unit, locked for the caller's transaction until it commits; 404 if there is none. */
    public static Uni<Unit> locked(UUID id) {
        return Unit.<Unit>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No unit " + id));
    }

    /**
     * Moves the unit to its next status and remembers the change; the caller has checked that the move is allowed.
     *
     * @param incident the incident the unit is busy with afterwards (null when it is free)
     */
    public UnitStatusChange moveTo(UnitStatus next, UUID incident, String reason, String by, OffsetDateTime at) {
        UnitStatusChange change = UnitStatusChange.of(this, next, incident != null ? incident : incidentId, reason,
                by, at);
        status = next;
        statusSince = at;
        incidentId = incident;
        version++;
        change.unitVersion = version;
        updatedAt = at;
        return change;
    }
}
