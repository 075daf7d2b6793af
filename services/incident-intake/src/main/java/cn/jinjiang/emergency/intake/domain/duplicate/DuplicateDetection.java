package cn.jinjiang.emergency.intake.domain.duplicate;

import cn.jinjiang.emergency.intake.config.DuplicatePolicy;
import cn.jinjiang.emergency.intake.domain.Incident;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Links a new incident to the open incidents of its type that occurred close to it in place and time, the nearest
 * few ({@link DuplicatePolicy#maxLinks()}). A bounding box and the most recent candidates narrow the query; the
 * great-circle distance decides.
 */
@ApplicationScoped
public class DuplicateDetection {

    private static final double EARTH_RADIUS_M = 6_371_000;
    private static final double METERS_PER_DEGREE = Math.PI * EARTH_RADIUS_M / 180;

    /** How many of the most recent candidates in the box are measured, per link kept. */
    private static final int CANDIDATES_PER_LINK = 4;

    private final DuplicatePolicy policy;

    public DuplicateDetection(DuplicatePolicy policy) {
        this.policy = policy;
    }

    /**
     * Where a candidate is and its area (which the link keeps): all the check needs, so candidates are not loaded
     * (and dirty-checked) as entities.
     */
    public record Candidate(UUID id, double latitude, double longitude, String areaCode) {
    }

    public Uni<List<PossibleDuplicate>> link(Incident incident, OffsetDateTime now) {
        double latitudeSpan = policy.distanceMeters() / METERS_PER_DEGREE;
        double longitudeSpan = latitudeSpan / Math.max(Math.cos(Math.toRadians(incident.latitude)), 0.01);
        return Incident.<Incident>find("status = ?1 and type = ?2 and id <> ?3 and occurredAt between ?4 and ?5 "
                                + "and latitude between ?6 and ?7 and longitude between ?8 and ?9 "
                                + "order by occurredAt desc",
                        Incident.Status.OPEN, incident.type, incident.id,
                        incident.occurredAt.minus(policy.within()), incident.occurredAt.plus(policy.within()),
                        incident.latitude - latitudeSpan, incident.latitude + latitudeSpan,
                        incident.longitude - longitudeSpan, incident.longitude + longitudeSpan)
                .project(Candidate.class)
                .page(0, policy.maxLinks() * CANDIDATES_PER_LINK).list()
                .flatMap(candidates -> {
                    List<PossibleDuplicate> links = candidates.stream()
                            .map(candidate -> linkTo(incident, candidate, now))
                            .filter(link -> link.distanceMeters <= policy.distanceMeters())
                            .sorted(Comparator.comparingDouble(link -> link.distanceMeters))
                            .limit(policy.maxLinks())
                            .toList();
                    // Panache refuses to persist an empty list.
                    return links.isEmpty() ? Uni.createFrom().item(links)
                            : PossibleDuplicate.persist(links).replaceWith(links);
                });
    }

    private static PossibleDuplicate linkTo(Incident incident, Candidate candidate, OffsetDateTime now) {
        PossibleDuplicate link = new PossibleDuplicate();
        link.incidentId = incident.id;
        link.candidateId = candidate.id();
        link.incidentArea = incident.areaCode;
        link.candidateArea = candidate.areaCode();
        link.distanceMeters = distance(incident.latitude, incident.longitude, candidate.latitude(),
                candidate.longitude());
        link.foundAt = now;
        return link;
    }

    /** Great-circle distance in metres (haversine). */
    static double distance(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }
}
