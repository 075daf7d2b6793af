package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The incidents a round allocates to, as this service knows them from incident-events, read once for the round. */
final class RoundIncidents {

    private RoundIncidents() {
    }

    /**
     * The incident of an allocation asked for: its status, when it happened, whose it is and what other bureaus lend
     * it.
     *
     * @param jurisdiction the county bureau whose area the incident lies in, null for an area not well formed
     */
    record Known(String status, OffsetDateTime occurredAt, String jurisdiction, LentStock lent) {
    }

    /** The round's incidents known here, by id; an unknown one is missing. */
    static Uni<Map<UUID, Known>> read(List<Asked> round) {
        UUID[] ids = round.stream().map(Asked::incidentId).distinct().sorted().toArray(UUID[]::new);
        // Share-locked in id order so that a closing from incident-events waits for the round rather than crossing it.
        // One statement text whatever the round's size: prepared once, planned once. Whether anything is lent comes
        // with it, so that a round without mutual aid (nearly all) makes no other round trip for it.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT id, status, occurred_at, "
                        + "area_code, EXISTS (SELECT 1 FROM mutual_aid_request r WHERE r.incident_id = incident.id "
                        + "AND r.status = 'ACCEPTED') FROM incident WHERE id = ANY(CAST(?1 AS uuid[])) "
                        + "ORDER BY id FOR SHARE", Object[].class)
                .setParameter(1, ids).getResultList())
                .flatMap(rows -> {
                    Set<UUID> lentTo = new HashSet<>();
                    rows.stream().filter(row -> (Boolean) row[4]).forEach(row -> lentTo.add((UUID) row[0]));
                    return (lentTo.isEmpty() ? Uni.createFrom().item(Map.<UUID, LentStock>of())
                            : LentStock.read(lentTo)).map(lent -> {
                                Map<UUID, Known> incidents = new HashMap<>();
                                rows.forEach(row -> incidents.put((UUID) row[0], new Known((String) row[1],
                                        (OffsetDateTime) row[2], AreaCodes.isValid((String) row[3])
                                        ? AreaCodes.jurisdiction((String) row[3]) : null,
                                        lent.getOrDefault((UUID) row[0], LentStock.NONE))));
                                return incidents;
                            });
                });
    }
}
