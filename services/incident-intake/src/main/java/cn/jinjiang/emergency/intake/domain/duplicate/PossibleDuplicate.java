package cn.jinjiang.emergency.intake.domain.duplicate;

import cn.jinjiang.emergency.shared.contract.events.DuplicateLink;
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

    /** The areas of both incidents, kept with the link so that who may be shown it is known without a lookup. */
    @Column(name = "incident_area")
    public String incidentArea;

    @Column(name = "candidate_area")
    public String candidateArea;

    @Column(name = "distance_m")
    public double distanceMeters;

    @Column(name = "found_at")
    public OffsetDateTime foundAt;

    /** The incident at the other end of the link, seen from {@code self}. */
    public UUID other(UUID self) {
        return self.equals(incidentId) ? candidateId : incidentId;
    }

    /** The area of the incident at the other end of the link, seen from {@code self}. */
    public String otherArea(UUID self) {
        return self.equals(incidentId) ? candidateArea : incidentArea;
    }

    /** The link as incident events carry it: the candidate with its area, for consumers to filter by. */
    public DuplicateLink toEvent() {
        return new DuplicateLink(candidateId, candidateArea, distanceMeters);
    }

    /** The links of an incident either way: the incidents it may duplicate and those that may duplicate it. */
    public static Uni<List<PossibleDuplicate>> of(UUID incidentId) {
        return list("incidentId = ?1 or candidateId = ?1 order by foundAt", incidentId);
    }
}
