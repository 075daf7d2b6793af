package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.shared.contract.Grade;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A commander's decision on an incident, kept with its reason and who took it. */
@Entity
@Table(name = "incident_decision")
public class Decision extends PanacheEntityBase {

    public enum Kind { RESPONSE_LEVEL_SET, RESPONSE_LEVEL_CLEARED, REOPENED, MERGED }

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** The response level set (RESPONSE_LEVEL_SET only). */
    @Enumerated(EnumType.STRING)
    public Grade level;

    public String reason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    static Decision of(UUID incidentId, Kind kind, Grade level, String reason, String by, OffsetDateTime at) {
        Decision decision = new Decision();
        decision.id = UUID.randomUUID();
        decision.incidentId = incidentId;
        decision.kind = kind;
        decision.level = level;
        decision.reason = reason;
        decision.decidedBy = by;
        decision.decidedAt = at;
        return decision;
    }

    public static Uni<List<Decision>> of(UUID incidentId) {
        return list("incidentId = ?1 order by decidedAt", incidentId);
    }
}
