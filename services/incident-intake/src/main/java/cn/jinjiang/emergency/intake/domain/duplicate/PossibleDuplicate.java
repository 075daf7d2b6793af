package cn.jinjiang.emergency.intake.domain.duplicate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A first report that may be about an incident already known (the candidate), with how far apart they are. */
@Entity
@Table(name = "possible_duplicate")
@IdClass(PossibleDuplicate.Key.class)
public class PossibleDuplicate extends PanacheEntityBase {

    public record Key(UUID incidentId, UUID candidateId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Id
    @Column(name = "candidate_id")
    public UUID candidateId;

    @Column(name = "distance_m")
    public double distanceMeters;

    @Column(name = "found_at")
    public OffsetDateTime foundAt;

    /** The links of an incident either way: the incidents it may duplicate and those that may duplicate it. */
    public static Uni<List<PossibleDuplicate>> of(UUID incidentId) {
        return list("incidentId = ?1 or candidateId = ?1 order by foundAt", incidentId);
    }
}
