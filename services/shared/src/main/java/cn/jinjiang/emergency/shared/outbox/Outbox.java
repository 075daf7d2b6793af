package cn.jinjiang.emergency.shared.outbox;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.messaging.EventCodec;
import cn.jinjiang.emergency.shared.persistence.RowInsert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where services put the events their state changes cause. Must run inside the transaction of that state change:
 * the event is then committed with it or not at all, and the {@link OutboxRelay} publishes it afterwards. An event
 * that breaks its schema fails the transaction, so nothing is committed that its consumers would refuse. The commit
 * wakes the relay ({@link OutboxCommits}).
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;

    public Outbox(EventCodec codec) {
        this.codec = codec;
    }

    public Uni<EventEnvelope> add(EventType type, UUID incidentId, Object data) {
        EventEnvelope event = codec.envelope(type, incidentId, data);
        OutboxCommits.written();
        return OutboxEvent.of(type.topic(), event, codec.writeChecked(event)).persist().replaceWith(event);
    }

    /** An event to add, for {@link #addAll}. */
    public record Pending(EventType type, UUID incidentId, Object data) {
    }

    /** An event encoded and checked against its schema, ready for {@link #addEncoded}. */
    public record Encoded(EventType type, EventEnvelope envelope, String payload) {
    }

    /**
     * Encodes an event and checks it against its schema without writing anything, so that a change making many
     * events can set aside the one change whose event breaks the contract and still commit the others.
     *
     * @throws cn.jinjiang.emergency.shared.domain.InvalidFieldException naming the data field that breaks the schema
     * @throws IllegalStateException when the envelope itself breaks it
     */
    public Encoded encode(Pending event) {
        EventEnvelope envelope = codec.envelope(event.type(), event.incidentId(), event.data());
        return new Encoded(event.type(), envelope, codec.writeChecked(envelope));
    }

    /**
     * Adds many events with one statement, in the order given: a change that makes many events at once (a round of
     * allocations) would otherwise wait for one insert per event, since the outbox's position is given by the
     * database as each row is inserted.
     */
    public Uni<List<EventEnvelope>> addAll(List<Pending> pending) {
        return addEncoded(pending.stream().map(this::encode).toList());
    }

    /** Adds events already encoded and checked ({@link #encode}) with one statement, in the order given. */
    public Uni<List<EventEnvelope>> addEncoded(List<Encoded> encoded) {
        if (encoded.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<EventEnvelope> events = new ArrayList<>(encoded.size());
        RowInsert rows = RowInsert.into("outbox_event", "event_id:uuid", "topic:text", "record_key:text",
                "event_type:text", "payload:text", "created_at:timestamptz", "attempts:integer");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Encoded event : encoded) {
            EventEnvelope envelope = event.envelope();
            events.add(envelope);
            rows.row(envelope.id(), event.type().topic(), envelope.subject(), envelope.type(), event.payload(), now,
                    0);
        }
        OutboxCommits.written();
        return rows.execute().replaceWith(events);
    }

    /**
     * A record that is not a CloudEvent, for a consumer outside this system with a format of its own (the broadcast
     * platform's signed CAP XML), committed and relayed like any event.
     *
     * @param type what the record is, for the relay's {@code ce_type} header
     */
    public Uni<Void> addRecord(String topic, String key, String type, String payload) {
        OutboxCommits.written();
        return OutboxEvent.record(topic, key, type, payload).persist().replaceWithVoid();
    }
}
