package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An incident reported in an area a warning in force or an open transfer covers is what its shelters were opened
 * for: the shelters open for it without an incident link to the incident, so their later events travel under it and
 * its picture lists them. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class ShelterLinks {

    /** @return how many shelters the incident was linked to */
    public Uni<Integer> link(IncidentProjection incident) {
        if (incident == null || incident.areaCode == null || incident.status != IncidentProjection.Status.OPEN) {
            return Uni.createFrom().item(0);
        }
        // An area covers the incident's when the incident's code starts with the area's significant digits (a
        // county's six, a town's nine, a village's twelve).
        // Flushed first: the incident may have been projected by this very batch, and the link points at it.
        return Panache.getSession().flatMap(session -> session.flush().chain(() -> session.createNativeQuery("""
                        UPDATE shelter s SET incident_id = ?1
                        WHERE s.status = 'OPEN' AND s.incident_id IS NULL AND (
                            s.transfer_id IN (SELECT t.id FROM transfer t WHERE t.status = 'OPEN' AND EXISTS (
                                SELECT 1 FROM unnest(string_to_array(t.area_codes, ',')) AS c(code)
                                WHERE CAST(?2 AS text) LIKE regexp_replace(c.code, '(000)+$', '') || '%'))
                            OR (s.transfer_id IS NULL AND s.warning_id IN (SELECT w.id FROM warning w
                                WHERE w.status = 'ACTIVE' AND EXISTS (
                                    SELECT 1 FROM unnest(string_to_array(w.area_codes, ',')) AS c(code)
                                    WHERE CAST(?2 AS text) LIKE regexp_replace(c.code, '(000)+$', '') || '%'))))""")
                .setParameter(1, incident.id).setParameter(2, incident.areaCode).executeUpdate()));
    }
}
