package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.UnitStatus;
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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** One step of a unit's status timeline: from what to what, for which incident, by whom and when. */
@Entity
@Table(name = "unit_status_change")
public class UnitStatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "unit_version")
    public long unitVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status")
    public UnitStatus previousStatus;

    @Enumerated(EnumType.STRING)
    public UnitStatus status;

    @Column(name = "incident_id")
    public UUID incidentId;

    public String reason;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    static UnitStatusChange of(Unit unit, UnitStatus next, UUID incident, String reason, String by,
            OffsetDateTime at) {
        UnitStatusChange change = new UnitStatusChange();
        change.unitId = unit.id;
        change.previousStatus = unit.status;
        change.status = next;
        change.incidentId = incident;
        change.reason = reason;
        change.changedBy = by;
        change.changedAt = at;
        return change;
    }

    public static Uni<List<UnitStatusChange>> timelineOf(UUID unitId, int newest) {
        return find("unitId = ?1 order by id desc", unitId).page(0, newest).<UnitStatusChange>list()
                .map(changes -> {
                    List<UnitStatusChange> oldestFirst = new ArrayList<>(changes);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }

    /** The changes the units went through while busy with this incident, oldest first. */
    public static Uni<List<UnitStatusChange>> during(UUID incidentId, Collection<UUID> unitIds) {
        if (unitIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("incidentId = ?1 and unitId in ?2 order by id", incidentId, unitIds);
    }
}
