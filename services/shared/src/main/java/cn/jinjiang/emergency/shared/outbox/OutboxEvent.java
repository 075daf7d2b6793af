package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An event waiting in the outbox, or already published (kept for audit and replay until its retention ends).
 * Written here through the service's session; read, marked and purged by the relay over plain SQL.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    static OutboxEvent of(String topic, EventEnvelope event, String payload) {
        return record(event.id(), topic, event.subject(), event.type(), payload);
    }

    static OutboxEvent record(String topic, String key, String type, String payload) {
        return record(UUID.randomUUID(), topic, key, type, payload);
    }

    private static OutboxEvent record(UUID id, String topic, String key, String type, String payload) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.topic = topic;
        row.recordKey = key;
        row.eventType = type;
        row.payload = payload;
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return row;
    }
}
