package cn.jinjiang.emergency.reserves.domain.shelter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** One line of a shelter's history: opened for an incident, people arrived or left, closed. */
@Entity
@Table(name = "shelter_occupancy_change")
public class ShelterOccupancyChange extends PanacheEntityBase {

    public enum Kind { OPENED, REPORTED, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "shelter_id")
    public UUID shelterId;

    /** The shelter's version after the change, as its event carries it. */
    public long version;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "incident_id")
    public UUID incidentId;

    public int arrived;

    /** People who left ("left" is an SQL keyword). */
    public int departed;

    /** How many people were in the shelter after the change. */
    public int occupancy;

    public String note;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    static ShelterOccupancyChange of(Shelter shelter, Kind kind, UUID incident, int arrived, int left, String note,
            String by, OffsetDateTime at) {
        ShelterOccupancyChange change = new ShelterOccupancyChange();
        change.shelterId = shelter.id;
        change.version = shelter.version;
        change.kind = kind;
        change.incidentId = incident;
        change.arrived = arrived;
        change.departed = left;
        change.occupancy = shelter.occupancy;
        change.note = note;
        change.changedBy = by;
        change.changedAt = at;
        return change;
    }

    /** The newest {@code newest} lines of the shelter's history, oldest first. */
    public static Uni<List<ShelterOccupancyChange>> historyOf(UUID shelterId, int newest) {
        return find("shelterId = ?1 order by id desc", shelterId).page(0, newest).<ShelterOccupancyChange>list()
                .map(changes -> {
                    List<ShelterOccupancyChange> oldestFirst = new ArrayList<>(changes);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }
}
