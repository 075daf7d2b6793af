package cn.jinjiang.emergency.reserves.domain.warning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An issued warning as warning-events last told of it; drafts never reach this service. */
@Entity
@Table(name = "warning")
public class Warning extends PanacheEntityBase {

    /** As the warning's notices say it: ACTIVE while in force, CANCELLED or EXPIRED after. */
    public static final String ACTIVE = "ACTIVE";

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    public String status;

    @Column(name = "area_codes")
    public String areaCodes;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean inForce() {
        return ACTIVE.equals(status);
    }
}
