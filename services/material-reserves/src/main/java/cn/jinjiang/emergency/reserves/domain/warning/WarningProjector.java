package cn.jinjiang.emergency.reserves.domain.warning;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.inbox.EventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies warning-events to what this service knows of warnings and transfers: a warning's notices set its status
 * and areas, a transfer's order and closing set the transfer's. The other types (coverage, acknowledgements, counts)
 * change nothing here. A warning's and its transfers' events share the warning's key, so they arrive in order.
 */
@ApplicationScoped
public class WarningProjector implements EventHandler<Void> {

    @Override
    public Uni<Void> apply(EventEnvelope event) {
        JsonNode data = event.data();
        return switch (EventType.of(event.type()).orElse(EventType.BROADCAST_ACK)) {
            case WARNING_ISSUED, WARNING_UPDATED, WARNING_CANCELLED, WARNING_EXPIRED -> warning(data);
            case TRANSFER_ORDERED -> ordered(data);
            case TRANSFER_CLOSED -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "UPDATE transfer SET status = 'CLOSED', updated_at = ?2 WHERE id = ?1")
                    .setParameter(1, uuid(data, "transferId")).setParameter(2, at(data)).executeUpdate())
                    .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> warning(JsonNode data) {
        List<String> areas = new ArrayList<>();
        data.path("areaCodes").forEach(code -> areas.add(code.asText()));
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO warning (id, incident_id, status, area_codes, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (id) DO UPDATE SET incident_id = excluded.incident_id, status = excluded.status,
                            area_codes = excluded.area_codes, updated_at = excluded.updated_at""")
                .setParameter(1, uuid(data, "warningId")).setParameter(2, uuid(data, "incidentId"))
                .setParameter(3, data.path("status").asText()).setParameter(4, String.join(",", areas))
                .setParameter(5, at(data)).executeUpdate()).replaceWithVoid();
    }

    private static Uni<Void> ordered(JsonNode data) {
        List<String> areas = new ArrayList<>();
        data.path("areas").forEach(area -> areas.add(area.path("areaCode").asText()));
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO transfer (id, warning_id, incident_id, status, area_codes, updated_at)
                        VALUES (?1, ?2, ?3, 'OPEN', ?4, ?5) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, uuid(data, "transferId")).setParameter(2, uuid(data, "warningId"))
                .setParameter(3, uuid(data, "incidentId")).setParameter(4, String.join(",", areas))
                .setParameter(5, at(data)).executeUpdate()).replaceWithVoid();
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    /** When it happened: a warning's notice says changedAt, a transfer's events at. */
    private static OffsetDateTime at(JsonNode data) {
        return OffsetDateTime.parse(data.has("at") ? data.get("at").asText() : data.path("changedAt").asText());
    }
}
