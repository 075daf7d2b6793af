package cn.jinjiang.emergency.shared.mutualaid;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice.Status;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.outbox.PeriodicPass;
import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.shared.security.SecurityConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Regional mutual aid between the county bureaus (区域应急救援协作), the same in every service that lends: the incident's
 * bureau asks another for resources (units of some types, stock of some items); a commander of the lending bureau, or
 * of the prefecture above both, accepts or declines; the asking side may withdraw; a request unanswered by its time is
 * told overdue once. Each step publishes the service's event for it, keyed by the incident, in the step's transaction.
 * Only while a request stands accepted may the lender's resources go to the incident ({@link #acceptedFor}), as far
 * as it lends.
 *
 * @param <R> the service's entity for its requests
 */
public abstract class MutualAidDesk<R extends MutualAidRecord> extends MutualAidReads<R> {

    /** Who tells a request overdue. */
    public static final String SYSTEM = "system";

    /** The service's event for each step. */
    public record Steps(EventType requested, EventType accepted, EventType declined, EventType withdrawn,
                        EventType overdue) {
    }

    /** One line of a request: how much of what (a unit type, an item code). */
    public record Line(String key, int count) {
    }

    /**
     * What a command centre asks another bureau for.
     *
     * @param lender the bureau asked; null when there is only one other
     */
    public record Asked(List<Line> lines, String reason, OffsetDateTime answerBy, String lender) {
    }

    private final Class<? extends IncidentProjection> incidents;
    private final Steps steps;
    private final String field;
    private final Outbox outbox;
    private final Set<String> counties;
    private final PeriodicPass overdue;
    private final MutualAidSettings settings;

    /**
     * @param field what the request body calls its lines ("units", "items"), for the problems that name it
     */
    protected MutualAidDesk(Class<R> type, Class<? extends IncidentProjection> incidents, Steps steps, String field,
                            Plumbing plumbing) {
        super(type);
        this.incidents = incidents;
        this.steps = steps;
        this.field = field;
        this.outbox = plumbing.outbox();
        this.settings = plumbing.settings();
        // The jurisdictions that have forces and stock of their own: the county bureaus, not the prefecture above.
        Set<String> counties = new TreeSet<>();
        plumbing.security().jurisdictions().stream().filter(AreaCodes::isCounty).forEach(counties::add);
        this.counties = Set.copyOf(counties);
        this.overdue = new PeriodicPass("Overdue mutual-aid requests announced", this::announceOverdue,
                plumbing.commits(), plumbing.vertx());
    }

    /** What every desk is built on. */
    public record Plumbing(Outbox outbox, SecurityConfig security, MutualAidSettings settings, OutboxCommits commits,
                           Vertx vertx) {
    }

    /** Overdue requests are watched for while the service runs (observers a service's desk inherits). */
    void startChecks(@Observes StartupEvent startup) {
        overdue.start(settings.checkEvery());
    }

    void stopChecks(@Observes ShutdownEvent shutdown) {
        overdue.stop();
    }

    private R create() {
        try {
            return type().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type() + " needs a public constructor without arguments", e);
        }
    }

    public Uni<R> request(UUID incidentId, Asked asked, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!asked.answerBy().isAfter(now)) {
            throw new InvalidFieldException("answerBy", "must be in the future");
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        asked.lines().forEach(line -> {
            if (lines.put(line.key(), line.count()) != null) {
                throw new InvalidFieldException(field, "names " + line.key() + " more than once");
            }
        });
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.find(incidents, incidentId))
                .flatMap(incident -> {
                    if (incident == null) {
                        return Uni.createFrom().failure(new NotFound("No incident " + incidentId
                                + " is known here"));
                    }
                    if (incident.status != IncidentProjection.Status.OPEN) {
                        return Uni.createFrom().failure(new Conflict("Incident " + incidentId + " is "
                                + incident.status + "; mutual aid is asked for open incidents only"));
                    }
                    String own = AreaCodes.jurisdiction(incident.areaCode);
                    R request = create();
                    request.id = UUID.randomUUID();
                    request.incidentId = incidentId;
                    request.requestingJurisdiction = own;
                    request.lendingJurisdiction = lender(asked.lender(), own);
                    request.asked(lines);
                    request.reason = asked.reason();
                    request.answerBy = asked.answerBy();
                    request.status = Status.REQUESTED;
                    request.requestedBy = caller.name();
                    request.requestedAt = now;
                    return request.persist()
                            .call(() -> publish(steps.requested(), request, caller.name(), now))
                            .replaceWith(request);
                }));
    }

    /** The lender's answer: what was asked for may now go to the incident. */
    public Uni<R> accept(UUID requestId, Caller caller) {
        return answer(requestId, caller, Status.ACCEPTED, null, steps.accepted());
    }

    public Uni<R> decline(UUID requestId, String note, Caller caller) {
        return answer(requestId, caller, Status.DECLINED, note, steps.declined());
    }

    /**
     * The asking side no longer needs it, asked or accepted: nothing more is lent for it (what is already at the
     * incident stays until released, and then goes home).
     */
    public Uni<R> withdraw(UUID requestId, String note, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> lockedFor(requestId, caller).flatMap(request -> {
            if (!speaksFor(caller, request.requestingJurisdiction)) {
                return Uni.createFrom().failure(new ForbiddenException("Request " + requestId + " is withdrawn by "
                        + "the bureau that asked, jurisdiction " + request.requestingJurisdiction));
            }
            if (request.status != Status.REQUESTED && request.status != Status.ACCEPTED) {
                return Uni.createFrom().failure(new Conflict("Request " + requestId + " is " + request.status));
            }
            request.status = Status.WITHDRAWN;
            request.note = note;
            return publish(steps.withdrawn(), request, caller.name(), now).replaceWith(request);
        }));
    }

    /** One overdue pass, inside the caller's transaction; returns how many requests it told overdue. */
    Uni<Integer> announceOverdue() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Skips requests another instance holds, so each is told once.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT * FROM "
                                + MutualAidRecord.TABLE + " WHERE status = 'REQUESTED' AND overdue_at IS NULL "
                                + "AND answer_by <= :now ORDER BY answer_by LIMIT 100 FOR UPDATE SKIP LOCKED", type())
                        .setParameter("now", now).getResultList())
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(request -> {
                            request.overdueAt = now;
                            return publish(steps.overdue(), request, SYSTEM, now);
                        })
                        .collect().last().replaceWith(due.size()));
    }

    private Uni<R> answer(UUID requestId, Caller caller, Status to, String note, EventType event) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> lockedFor(requestId, caller).flatMap(request -> {
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
        }));
    }

    private Uni<R> lockedFor(UUID requestId, Caller caller) {
        return Panache.getSession().flatMap(session -> session.find(type(), requestId, LockModeType.PESSIMISTIC_WRITE))
                .map(request -> seenBy(request, requestId, caller));
    }

    private Uni<Void> publish(EventType event, R request, String by, OffsetDateTime at) {
        return outbox.add(event, request.incidentId, request.notice(by, at)).replaceWithVoid();
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
                    + ": its own " + field + " are sent without asking");
        }
        if (!counties.contains(asked)) {
            throw new InvalidFieldException("lendingJurisdiction", "must be another county bureau: one of "
                    + counties);
        }
        return asked;
    }
}
