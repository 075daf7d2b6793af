package cn.jinjiang.emergency.shared.inbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One line of the consumer message log: this event's effect has been committed. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String source;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;

    static ProcessedEvent of(EventEnvelope event) {
        ProcessedEvent line = new ProcessedEvent();
        line.eventId = event.id();
        line.eventType = event.type();
        line.source = event.source();
        line.processedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return line;
    }
}
