package cn.jinjiang.emergency.dispatch.domain.assignment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A unit sent to an incident, open until it is released, reassigned or leaves the scene. */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "assigned_by")
    public String assignedBy;

    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;

    @Column(name = "released_at")
    public OffsetDateTime releasedAt;

    @Column(name = "released_by")
    public String releasedBy;

    @Column(name = "release_reason")
    public String releaseReason;

    /** The incident closed (or was merged) while this assignment was open: a dispatcher should release the unit. */
    @Column(name = "release_requested_at")
    public OffsetDateTime releaseRequestedAt;

    static Assignment of(UUID incidentId, UUID unitId, String by, OffsetDateTime at) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.incidentId = incidentId;
        assignment.unitId = unitId;
        assignment.assignedBy = by;
        assignment.assignedAt = at;
        return assignment;
    }

    public boolean isOpen() {
        return releasedAt == null;
    }

    void close(String reason, String by, OffsetDateTime at) {
        releasedAt = at;
        releasedBy = by;
        releaseReason = reason;
    }

    /** Every assignment of the incident, open and ended, in the order they were made. */
    public static Uni<List<Assignment>> of(UUID incidentId) {
        return list("incidentId = ?1 order by assignedAt, id", incidentId);
    }

    public static Uni<List<Assignment>> openOf(UUID incidentId) {
        return list("incidentId = ?1 and releasedAt is null order by assignedAt, id", incidentId);
    }

    public static Uni<Assignment> openFor(UUID unitId) {
        return find("unitId = ?1 and releasedAt is null", unitId).firstResult();
    }
}
