package cn.jinjiang.emergency.shared.mutualaid;

import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice.Status;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What is read of a service's mutual-aid requests: by the two bureaus (each sees the requests it asked or was asked,
 * the prefecture all), and by whatever sends the lender's resources to the incident ({@link #mayLend}). The steps
 * that change a request are {@link MutualAidDesk}'s.
 *
 * @param <R> the service's entity for its requests
 */
public abstract class MutualAidReads<R extends MutualAidRecord> {

    /** Most requests one list answers: a few a day at the busiest. */
    public static final int MAX_LISTED = 200;

    private final Class<R> type;

    protected MutualAidReads(Class<R> type) {
        this.type = type;
    }

    protected Class<R> type() {
        return type;
    }

    /** The request, if the caller's bureau is one of its two sides (or above both); 404 otherwise. */
    public Uni<R> visible(UUID requestId, Caller caller) {
        return Panache.getSession().flatMap(session -> session.find(type, requestId))
                .map(request -> seenBy(request, requestId, caller));
    }

    /** The requests the caller's bureau asked or was asked, newest first; of one status when given. */
    public Uni<List<R>> involving(Caller caller, Status status) {
        String scope = caller.scope();
        String prefix = (scope == null ? "" : AreaCodes.prefix(scope)) + "%";
        String sides = "from " + type.getSimpleName()
                + " where (requestingJurisdiction like :sides or lendingJurisdiction like :sides)";
        return Panache.getSession().flatMap(session -> (status == null
                ? session.createSelectionQuery(sides + " order by requestedAt desc", type)
                : session.createSelectionQuery(sides + " and status = :status order by requestedAt desc", type)
                .setParameter("status", status))
                .setParameter("sides", prefix).setMaxResults(MAX_LISTED).getResultList());
    }

    /** An incident's requests, oldest first. */
    public Uni<List<R>> of(UUID incidentId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("from " + type.getSimpleName()
                        + " where incidentId = :incident order by requestedAt", type)
                .setParameter("incident", incidentId).getResultList());
    }

    /** An incident's accepted requests, from any lender, as they stand (nothing locked: for what is offered). */
    public Uni<List<R>> accepted(UUID incidentId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("from " + type.getSimpleName()
                        + " where incidentId = :incident and status = :status", type)
                .setParameter("incident", incidentId).setParameter("status", Status.ACCEPTED).getResultList());
    }

    /**
     * An incident's requests accepted from {@code lender}, locked: whatever takes the lender's resources for the
     * incident takes them in turn, so two dispatchers cannot both take the last one lent. Runs in the caller's
     * transaction.
     */
    public Uni<List<R>> acceptedFor(UUID incidentId, String lender) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("from " + type.getSimpleName()
                        + " where incidentId = :incident and lendingJurisdiction = :lender and status = :status "
                        + "order by id", type)
                .setParameter("incident", incidentId).setParameter("lender", lender)
                .setParameter("status", Status.ACCEPTED).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    /**
     * Whether the lender lends enough of each key in {@code wanted} for the incident, given what of its resources
     * are there already ({@code there}): null if it does, else why not. Runs in the caller's transaction, with the
     * accepted requests locked.
     */
    public Uni<String> mayLend(UUID incidentId, String lender, Map<String, Integer> wanted,
                               Map<String, Integer> there) {
        return acceptedFor(incidentId, lender).map(accepted -> {
            for (var entry : wanted.entrySet()) {
                int lent = accepted.stream().mapToInt(request -> request.lends(entry.getKey())).sum();
                int already = there.getOrDefault(entry.getKey(), 0);
                if (already + entry.getValue() > lent) {
                    return lent == 0
                            ? "no accepted mutual-aid request from jurisdiction " + lender + " lends "
                            + entry.getKey() + " to this incident"
                            : "accepted mutual-aid requests from jurisdiction " + lender + " lend " + lent + " "
                            + entry.getKey() + " to this incident, " + already + " already there";
                }
            }
            return null;
        });
    }

    protected R seenBy(R request, UUID requestId, Caller caller) {
        if (request == null || !speaksFor(caller, request.requestingJurisdiction)
                && !speaksFor(caller, request.lendingJurisdiction)) {
            throw new NotFound("No mutual-aid request " + requestId);
        }
        return request;
    }


    /** Whether the caller acts for {@code jurisdiction}: its own bureau's staff, or the prefecture's. */
    protected static boolean speaksFor(Caller caller, String jurisdiction) {
        return caller.mayAccess(AreaCodes.ofJurisdiction(jurisdiction));
    }
}
