package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice.Status;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.shared.security.SecurityConfig;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Regional mutual aid between the two county bureaus (区域应急救援协作): the incident's bureau asks another for units of
 * some types; a commander of the lending bureau, or of the prefecture above both, accepts or declines; the asking side
 * may withdraw. Each step publishes its event on dispatch-events, keyed by the incident, in the step's transaction.
 * Only while a request stands accepted may the lender's units of those types be assigned to the incident
 * ({@link #mayLend}).
 */
@ApplicationScoped
public class MutualAid {

    /** Most requests one list answers: a few a day at the busiest. */
    static final int MAX_LISTED = 200;

    private final Outbox outbox;
    private final Set<String> counties;

    public MutualAid(Outbox outbox, SecurityConfig security) {
        this.outbox = outbox;
        // The jurisdictions that have forces of their own: the county bureaus, not the prefecture above them.
        Set<String> counties = new TreeSet<>();
        security.jurisdictions().stream().filter(AreaCodes::isCounty).forEach(counties::add);
        this.counties = Set.copyOf(counties);
    }

    /** What a command centre asks another bureau for. */
    public record Asked(List<MutualAidNotice.Line> units, String reason, OffsetDateTime answerBy, String lender) {
    }

    @WithTransaction
    public Uni<MutualAidRequest> request(UUID incidentId, Asked asked, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!asked.answerBy().isAfter(now)) {
            throw new InvalidFieldException("answerBy", "must be in the future");
        }
        Set<UnitType> types = EnumSet.noneOf(UnitType.class);
        asked.units().forEach(line -> {
            if (!types.add(line.type())) {
                throw new InvalidFieldException("units", "names " + line.type() + " more than once");
            }
        });
        return Incident.<Incident>findById(incidentId).flatMap(incident -> {
            if (incident == null) {
                return Uni.createFrom().failure(new NotFound("No incident " + incidentId + " is known here"));
            }
            if (!incident.isOpen()) {
                return Uni.createFrom().failure(new Conflict("Incident " + incidentId + " is " + incident.status
                        + "; units are asked for open incidents only"));
            }
            String own = AreaCodes.jurisdiction(incident.areaCode);
            String lender = lender(asked.lender(), own);
            MutualAidRequest request = new MutualAidRequest();
            request.id = UUID.randomUUID();
            request.incidentId = incidentId;
            request.requestingJurisdiction = own;
            request.lendingJurisdiction = lender;
            request.lines(asked.units());
            request.reason = asked.reason();
            request.answerBy = asked.answerBy();
            request.status = Status.REQUESTED;
            request.requestedBy = caller.name();
            request.requestedAt = now;
            return request.persist()
                    .call(() -> publish(EventType.DISPATCH_MUTUAL_AID_REQUESTED, request, caller.name(), now))
                    .replaceWith(request);
        });
    }

    /** The lender's answer: its units of the types asked for may now be assigned to the incident. */
    @WithTransaction
    public Uni<MutualAidRequest> accept(UUID requestId, Caller caller) {
        return answer(requestId, caller, Status.ACCEPTED, null, EventType.DISPATCH_MUTUAL_AID_ACCEPTED);
    }

    @WithTransaction
    public Uni<MutualAidRequest> decline(UUID requestId, String note, Caller caller) {
        return answer(requestId, caller, Status.DECLINED, note, EventType.DISPATCH_MUTUAL_AID_DECLINED);
    }

    /**
     * The asking side no longer needs it, asked or accepted: nothing more is lent for it (units already assigned stay
     * until released, and then go home).
     */
    @WithTransaction
    public Uni<MutualAidRequest> withdraw(UUID requestId, String note, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return lockedFor(requestId, caller).flatMap(request -> {
            if (!speaksFor(caller, request.requestingJurisdiction)) {
                return Uni.createFrom().failure(new ForbiddenException("Request " + requestId + " is withdrawn by "
                        + "the bureau that asked, jurisdiction " + request.requestingJurisdiction));
            }
            if (request.status != Status.REQUESTED && request.status != Status.ACCEPTED) {
                return Uni.createFrom().failure(new Conflict("Request " + requestId + " is " + request.status));
            }
            request.status = Status.WITHDRAWN;
            request.note = note;
            return publish(EventType.DISPATCH_MUTUAL_AID_WITHDRAWN, request, caller.name(), now).replaceWith(request);
        });
    }

    /** The request, if the caller's bureau is one of its two sides (or above both); 404 otherwise. */
    public Uni<MutualAidRequest> visible(UUID requestId, Caller caller) {
        return MutualAidRequest.<MutualAidRequest>findById(requestId)
                .map(request -> seenBy(request, requestId, caller));
    }

    /** The same, locked for a step on it. */
    private Uni<MutualAidRequest> lockedFor(UUID requestId, Caller caller) {
        return MutualAidRequest.locked(requestId).map(request -> seenBy(request, requestId, caller));
    }

    private static MutualAidRequest seenBy(MutualAidRequest request, UUID requestId, Caller caller) {
        if (request == null || !speaksFor(caller, request.requestingJurisdiction)
                && !speaksFor(caller, request.lendingJurisdiction)) {
            throw new NotFound("No mutual-aid request " + requestId);
        }
        return request;
    }

    /** The requests the caller's bureau asked or was asked, newest first; of one status when given. */
    public Uni<List<MutualAidRequest>> involving(Caller caller, Status status) {
        String scope = caller.scope();
        String prefix = scope == null ? "" : AreaCodes.prefix(scope);
        String sides = "(requestingJurisdiction like ?1 or lendingJurisdiction like ?1)";
        return (status == null
                ? MutualAidRequest.<MutualAidRequest>find(sides + " order by requestedAt desc", prefix + "%")
                : MutualAidRequest.<MutualAidRequest>find(sides + " and status = ?2 order by requestedAt desc",
                prefix + "%", status))
                .range(0, MAX_LISTED - 1).list();
    }

    /** An incident's requests, oldest first. */
    public Uni<List<MutualAidRequest>> of(UUID incidentId) {
        return MutualAidRequest.list("incidentId = ?1 order by requestedAt", incidentId);
    }

    /**
     * Whether {@code lender}'s units of the types counted in {@code wanted} may go to the incident, given those of
     * its units already there ({@code there}): up to what its accepted requests lend per type. Runs in the
     * assignment's transaction, with those requests locked, so two dispatchers cannot both take the last one lent.
     *
     * @return null if they may, else why not
     */
    public static Uni<String> mayLend(UUID incidentId, String lender, Map<UnitType, Integer> wanted,
                                      Map<UnitType, Integer> there) {
        return MutualAidRequest.acceptedFor(incidentId, lender).map(accepted -> {
            for (var entry : wanted.entrySet()) {
                int lent = accepted.stream().mapToInt(request -> request.lends(entry.getKey())).sum();
                int after = there.getOrDefault(entry.getKey(), 0) + entry.getValue();
                if (after > lent) {
                    return lent == 0
                            ? "no accepted mutual-aid request from jurisdiction " + lender + " lends a "
                            + entry.getKey() + " to this incident"
                            : "accepted mutual-aid requests from jurisdiction " + lender + " lend " + lent + " "
                            + entry.getKey() + " to this incident, " + there.getOrDefault(entry.getKey(), 0)
                            + " already there";
                }
            }
            return null;
        });
    }

    private Uni<MutualAidRequest> answer(UUID requestId, Caller caller, Status to, String note, EventType event) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return lockedFor(requestId, caller).flatMap(request -> {
            if (!speaksFor(caller, request.lendingJurisdiction)) {
                return Uni.createFrom().failure(new ForbiddenException("Request " + requestId + " is answered by "
                        + "the lending bureau, jurisdiction " + request.lendingJurisdiction + ", or the prefecture"));
            }
            if (request.status != Status.REQUESTED) {
                return Uni.createFrom().failure(new Conflict("Request " + requestId + " is already "
                        + request.status));
            }
            request.status = to;
            request.answeredBy = caller.name();
            request.answeredAt = now;
            request.note = note;
            return publish(event, request, caller.name(), now).replaceWith(request);
        });
    }

    Uni<Void> publish(EventType type, MutualAidRequest request, String by, OffsetDateTime at) {
        return outbox.add(type, request.incidentId, request.notice(by, at)).replaceWithVoid();
    }

    private String lender(String asked, String own) {
        if (asked == null) {
            Set<String> others = new TreeSet<>(counties);
            others.remove(own);
            if (others.size() != 1) {
                throw new InvalidFieldException("lendingJurisdiction", "is required: one of " + others);
            }
            return others.iterator().next();
        }
        if (asked.equals(own)) {
            throw new InvalidFieldException("lendingJurisdiction", "is the incident's own jurisdiction " + own
                    + ": its units are sent without asking");
        }
        if (!counties.contains(asked)) {
            throw new InvalidFieldException("lendingJurisdiction", "must be another county bureau: one of "
                    + counties);
        }
        return asked;
    }

    /** Whether the caller acts for {@code jurisdiction}: its own bureau's staff, or the prefecture's. */
    private static boolean speaksFor(Caller caller, String jurisdiction) {
        return caller.mayAccess(AreaCodes.ofJurisdiction(jurisdiction));
    }
}
