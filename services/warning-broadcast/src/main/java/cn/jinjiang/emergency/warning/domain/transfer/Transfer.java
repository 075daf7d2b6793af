package cn.jinjiang.emergency.warning.domain.transfer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A transfer order on a warning: why, by when, and whether it still runs. Its areas are {@link TransferArea}s. */
@Entity
@Table(name = "transfer")
public class Transfer extends PanacheEntityBase {

    public enum Status { OPEN, CLOSED }

    @Id
    public UUID id;

    @Column(name = "warning_id")
    public UUID warningId;

    @Column(name = "incident_id")
    public UUID incidentId;

    /** The bureau whose warning it is, and so whose transfer. */
    public String jurisdiction;

    public String reason;

    public OffsetDateTime deadline;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "ordered_by")
    public String orderedBy;

    @Column(name = "ordered_at")
    public OffsetDateTime orderedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    @Version
    public long version;
}
