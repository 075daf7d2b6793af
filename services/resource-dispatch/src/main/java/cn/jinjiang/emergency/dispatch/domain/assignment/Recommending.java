package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.domain.index.AvailableUnits;
import cn.jinjiang.emergency.dispatch.domain.index.Candidate;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fills what an incident's plan is missing with the AVAILABLE units that would arrive first, from the in-memory
 * index. What the index offers is then checked against the database in one query, in the caller's session: a unit booked a moment ago by
 * another instance, whose notification has not arrived yet, is skipped and the next one taken, so a recommendation
 * never names a unit the database already holds as busy.
 */
@ApplicationScoped
public class Recommending {

    private static final int ROUNDS = 3;

    private final AvailableUnits available;

    public Recommending(AvailableUnits available) {
        this.available = available;
    }

    /** Units offered for one capability: as many as wanted, or fewer (unfilled) when no more can be had. */
    public record Recommendation(Capability capability, int wanted, List<Candidate> units) {
        public int unfilled() {
            return wanted - units.size();
        }
    }

    /** What the plan is missing, line by line; a unit is offered for one line only. */
    public Uni<List<Recommendation>> forShortfall(Incident incident, PlanStatus plan) {
        List<Want> wants = plan.shortfall().stream().map(line -> new Want(line.capability(), line.missing()))
                .toList();
        return recommend(point(incident), jurisdictionOf(incident), wants);
    }

    public Uni<List<Recommendation>> forCapability(Incident incident, Capability capability, int count) {
        return recommend(point(incident), jurisdictionOf(incident), List.of(new Want(capability, count)));
    }

    private record Want(Capability capability, int count) {
    }

    /**
     * The incident's own bureau's forces only: the other county's units come by mutual aid, asked for and accepted,
     * never by a recommendation. An incident with no well-formed area (none is accepted so) is offered any unit.
     */
    private static String jurisdictionOf(Incident incident) {
        return AreaCodes.isValid(incident.areaCode) ? AreaCodes.jurisdiction(incident.areaCode) : null;
    }

    private Uni<List<Recommendation>> recommend(GeoPoint point, String jurisdiction, List<Want> wants) {
        return available.ready().flatMap(ignored -> attempt(point, jurisdiction, wants, new HashSet<>(), 1));
    }

    private Uni<List<Recommendation>> attempt(GeoPoint point, String jurisdiction, List<Want> wants, Set<UUID> busy,
                                              int round) {
        List<Recommendation> offered = offer(point, jurisdiction, wants, busy);
        List<UUID> named = offered.stream().flatMap(r -> r.units().stream()).map(c -> c.unit().id()).toList();
        if (named.isEmpty()) {
            return Uni.createFrom().item(offered);
        }
        // Through the request's own session: a second connection per request could exhaust the pool under load, every
        // request holding one and waiting for another.
        // The status is filtered here, not in SQL: on the primary key alone the plan is an index lookup whatever the
        // statistics say, where a status condition has led a cached generic plan to scan every available unit.
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select u.id, u.status from Unit u where u.id in :ids", Object[].class)
                        .setParameter("ids", named)
                        .getResultList())
                .flatMap(rows -> {
                    Set<UUID> free = new HashSet<>();
                    rows.stream().filter(row -> row[1] == UnitStatus.AVAILABLE).forEach(row -> free.add((UUID) row[0]));
                    List<UUID> stale = named.stream().filter(id -> !free.contains(id)).toList();
                    if (stale.isEmpty() || round == ROUNDS) {
                        return Uni.createFrom().item(stale.isEmpty() ? offered : withoutAny(offered, stale));
                    }
                    available.changed(stale.toArray(UUID[]::new));
                    busy.addAll(stale);
                    return attempt(point, jurisdiction, wants, busy, round + 1);
                });
    }

    private List<Recommendation> offer(GeoPoint point, String jurisdiction, List<Want> wants, Set<UUID> busy) {
        Set<UUID> taken = new HashSet<>(busy);
        List<Recommendation> offered = new ArrayList<>();
        for (Want want : wants) {
            List<Candidate> units = available.index().nearest(point, want.capability(), want.count(), taken,
                    jurisdiction);
            units.forEach(candidate -> taken.add(candidate.unit().id()));
            offered.add(new Recommendation(want.capability(), want.count(), units));
        }
        return offered;
    }

    private static List<Recommendation> withoutAny(List<Recommendation> offered, List<UUID> stale) {
        return offered.stream().map(r -> new Recommendation(r.capability(), r.wanted(),
                r.units().stream().filter(c -> !stale.contains(c.unit().id())).toList())).toList();
    }

    private static GeoPoint point(Incident incident) {
        return new GeoPoint(incident.latitude, incident.longitude);
    }
}
