package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An incident reported in an area an open transfer is moving people out of (a landslide in an emptied village, a
 * flood in a town) is what the transfer was for: the transfer links to it, so its later events and reads name it.
 * A transfer already linked keeps its incident. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class TransferLinks {

    /** @return how many transfers the incident was linked to */
    public Uni<Integer> link(IncidentProjection incident) {
        if (incident == null || incident.areaCode == null || incident.status != IncidentProjection.Status.OPEN) {
            return Uni.createFrom().item(0);
        }
        // An area of a transfer covers the incident's when it is the same, or the town (code ending 000) it lies in.
        // Flushed first: the incident may have been projected by this very batch, and the link points at it.
        return Panache.getSession().flatMap(session -> session.flush().chain(() -> session.createNativeQuery("""
                        UPDATE transfer t SET incident_id = ?1
                        WHERE t.status = 'OPEN' AND t.incident_id IS NULL AND EXISTS (
                            SELECT 1 FROM transfer_area a WHERE a.transfer_id = t.id
                              AND (a.area_code = ?2 OR (a.area_code LIKE '%000'
                                   AND substr(a.area_code, 1, 9) = substr(?2, 1, 9))))""")
                .setParameter(1, incident.id).setParameter(2, incident.areaCode).executeUpdate()));
    }
}
