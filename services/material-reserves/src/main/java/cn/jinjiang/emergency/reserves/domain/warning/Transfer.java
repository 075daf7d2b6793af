package cn.jinjiang.emergency.reserves.domain.warning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A transfer ordered on a warning, as warning-events told of it: OPEN until closed (or ended with its warning). */
@Entity
@Table(name = "transfer")
public class Transfer extends PanacheEntityBase {

    public static final String OPEN = "OPEN";

    @Id
    public UUID id;

    @Column(name = "warning_id")
    public UUID warningId;

    @Column(name = "incident_id")
    public UUID incidentId;

    public String status;

    /** The areas people are moved out of, comma-separated. */
    @Column(name = "area_codes")
    public String areaCodes;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
