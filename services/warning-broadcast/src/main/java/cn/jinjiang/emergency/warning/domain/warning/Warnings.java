package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A warning's life. Drafting issues nothing; approval issues the CAP Alert (for orange and red only on a second
 * person's word: never that of anyone who drafted or changed the draft, as a false alert is as harmful as a missed
 * one); an update of an issued blue or yellow warning issues a CAP Update at once, while one that makes a warning
 * orange or red or changes an orange or red one waits for a second person ({@link WarningChanges}); a cancellation
 * issues a CAP Cancel, that of an orange or red warning once a second person approves it; expiry ends it without a
 * message (CAP receivers honour {@code expires} themselves). Each change, its messages and its line in the history
 * ({@link WarningVersion}) commit together.
 */
@ApplicationScoped
public class Warnings {

    /** Who wrote a draft: none of them may be the second person who approves an orange or red one. */
    private static final List<WarningVersion.Action> DRAFT_AUTHORS = List.of(WarningVersion.Action.DRAFTED,
            WarningVersion.Action.CHANGED);

    private final CapIssuer cap;
    private final WarningEvents events;
    private final WarningChanges changes;

    public Warnings(CapIssuer cap, WarningEvents events, WarningChanges changes) {
        this.cap = cap;
        this.events = events;
        this.changes = changes;
    }

    /**
     * @param scope the drafter's scope (their jurisdiction's code, or the prefecture's): the areas must lie in it (403
     *              otherwise); null for a caller bounded by none
     */
    @WithTransaction
    public Uni<Warning> draft(WarningDraft draft, String by, String scope) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        requireWithin(draft, scope);
        return checked(draft, now).flatMap(ignored -> {
            Warning warning = new Warning();
            warning.id = UUID.randomUUID();
            warning.incidentId = draft.incidentId();
            warning.apply(draft, now);
            warning.status = Warning.Status.DRAFT;
            warning.draftedBy = by;
            warning.draftedAt = now;
            return warning.persist().replaceWith(warning)
                    .call(() -> WarningVersion.record(warning, warning, WarningVersion.Action.DRAFTED, by, now, null,
                            null));
        });
    }

    @WithTransaction
    public Uni<Warning> approve(UUID id, String by, String scope) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id, scope).flatMap(warning -> {
            if (warning.status != Warning.Status.DRAFT) {
                return Uni.createFrom().failure(new WarningClosedException("Warning " + id + " is " + warning.status
                        + "; only a draft is approved"));
            }
            return WarningVersion.authors(id, 1, DRAFT_AUTHORS).flatMap(authors -> {
                // The drafter too, for a draft whose history began before this rule (RECORDED by the system).
                authors.add(warning.draftedBy);
                if (warning.needsSecondPerson() && authors.contains(by)) {
                    return Uni.createFrom().failure(new ForbiddenException("A " + warning.level + " warning is "
                            + "issued only on a second person's approval: " + by + " drafted or changed this draft ("
                            + String.join(", ", authors) + " did), so another commander must approve it"));
                }
                if (!warning.expiresAt.isAfter(now)) {
                    return Uni.createFrom().failure(new InvalidFieldException("expiresAt",
                            "has passed; change the draft before approving it"));
                }
                warning.status = Warning.Status.ACTIVE;
                warning.approvedBy = by;
                warning.approvedAt = now;
                warning.updatedAt = now;
                return issue(warning, MsgType.ALERT, EventType.WARNING_ISSUED, by, WarningVersion.Action.APPROVED);
            });
        });
    }

    /**
     * A draft is simply changed (its author joins those who may not approve it). An issued warning is changed only by
     * someone who may issue warnings ({@code mayIssue}): a blue or yellow one stays so is re-issued at once as a CAP
     * Update; a change that makes it orange or red, changes an orange or red one, or comes while another change waits,
     * becomes (or joins) the change waiting for a second person, and the issued version stays in force meanwhile;
     * while a cancellation waits, it is refused (409).
     */
    @WithTransaction
    public Uni<Warning> update(UUID id, WarningDraft draft, String by, String scope, boolean mayIssue) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        requireWithin(draft, scope);
        return checked(draft, now).flatMap(ignored -> locked(id, scope)).flatMap(warning -> {
            if (warning.status == Warning.Status.ACTIVE && !mayIssue) {
                return Uni.createFrom().failure(new ForbiddenException("Changing an issued warning issues a CAP "
                        + "Update: that needs a commander"));
            }
            if (warning.status == Warning.Status.CANCELLED || warning.status == Warning.Status.EXPIRED) {
                return Uni.createFrom().failure(new WarningClosedException("Warning " + id + " is "
                        + warning.status + " and can no longer change"));
            }
            if (draft.incidentId() != null && !draft.incidentId().equals(warning.incidentId)) {
                return Uni.createFrom().failure(new InvalidFieldException("incidentId",
                        "cannot change; draft a new warning for another incident"));
            }
            if (warning.status == Warning.Status.DRAFT) {
                warning.apply(draft, now);
                return WarningVersion.record(warning, warning, WarningVersion.Action.CHANGED, by, now, null, null)
                        .replaceWith(warning);
            }
            if (warning.hasPendingChange() || warning.needsSecondPerson()
                    || Warning.needsSecondPerson(draft.level())) {
                return changes.propose(warning, draft, by, now);
            }
            warning.apply(draft, now);
            return issue(warning, MsgType.UPDATE, EventType.WARNING_UPDATED, by, WarningVersion.Action.UPDATED);
        });
    }

    /**
     * Lifts an issued blue or yellow warning (CAP Cancel), or drops a draft (no message: it was never issued). Lifting
     * an issued orange or red one waits for a second person ({@link WarningChanges}) and it stays in force meanwhile:
     * lifted too early, it sends people home before the danger has passed. The level in force decides, not one a
     * waiting change proposes.
     */
    @WithTransaction
    public Uni<Warning> cancel(UUID id, String reason, String by, String scope, boolean mayIssue) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id, scope).flatMap(warning -> {
            if (warning.status == Warning.Status.ACTIVE && !mayIssue) {
                return Uni.createFrom().failure(new ForbiddenException("Lifting an issued warning issues a CAP "
                        + "Cancel: that needs a commander"));
            }
            if (warning.status == Warning.Status.CANCELLED || warning.status == Warning.Status.EXPIRED) {
                return Uni.createFrom().failure(new WarningClosedException("Warning " + id + " is already "
                        + warning.status));
            }
            boolean issued = warning.status == Warning.Status.ACTIVE;
            if (issued && warning.needsSecondPerson()) {
                return changes.proposeCancel(warning, reason, by, now);
            }
            warning.status = Warning.Status.CANCELLED;
            warning.endedBy = by;
            warning.endedAt = now;
            warning.endReason = reason;
            warning.updatedAt = now;
            // A change still waiting on a blue or yellow warning ends with it: there is nothing left for it to change.
            warning.changeFrom = null;
            warning.changeVersion = null;
            return issued ? issue(warning, MsgType.CANCEL, EventType.WARNING_CANCELLED, by,
                    WarningVersion.Action.CANCELLED)
                    : WarningVersion.record(warning, warning, WarningVersion.Action.CANCELLED, by, now, null, reason)
                    .replaceWith(warning);
        });
    }

    /** Ends every issued warning past its expiry; runs in the caller's transaction. */
    public Uni<Integer> expire(OffsetDateTime now) {
        return Warning.<Warning>find("status = ?1 and expiresAt <= ?2", Warning.Status.ACTIVE, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .flatMap(due -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Warning warning : due) {
                        warning.status = Warning.Status.EXPIRED;
                        warning.endedBy = "system";
                        warning.endedAt = now;
                        warning.updatedAt = now;
                        warning.changeFrom = null;
                        warning.changeVersion = null;
                        all = all.call(() -> events.publish(EventType.WARNING_EXPIRED, warning, null, "system"))
                                .call(() -> WarningVersion.record(warning, warning, WarningVersion.Action.EXPIRED,
                                        "system", now, null, null));
                    }
                    return all.replaceWith(due.size());
                });
    }

    private Uni<Warning> issue(Warning warning, MsgType type, EventType event, String by,
                               WarningVersion.Action action) {
        return cap.issue(warning, type)
                .call(message -> events.publish(event, warning, message.identifier, by))
                .call(message -> WarningVersion.record(warning, warning, action, by, warning.updatedAt,
                        message.identifier, type == MsgType.CANCEL ? warning.endReason : null))
                .replaceWith(warning);
    }

    /**
     * The warning, locked, if a caller of {@code scope} may decide on it. A warning is its bureau's: the commanders of
     * another jurisdiction are refused (403), as the bureau's own staff would be without the permission, and the
     * prefecture's decide on both counties'.
     */
    static Uni<Warning> locked(UUID id, String scope) {
        return Warning.<Warning>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No warning " + id))
                .invoke(warning -> {
                    if (!warning.within(scope)) {
                        throw new ForbiddenException("Warning " + id + " is jurisdiction "
                                + warning.jurisdiction() + "'s, not of " + scope + ": its own bureau's (or the "
                                + "prefecture's) staff decide on it");
                    }
                });
    }

    /** A drafter names areas of their own jurisdiction only (403 otherwise: the warning would go out in another's name). */
    private static void requireWithin(WarningDraft draft, String scope) {
        List<String> outside = draft.areaCodes().stream()
                .filter(code -> scope != null && !AreaCodes.covers(scope, code)).toList();
        if (!outside.isEmpty()) {
            throw new ForbiddenException("areaCodes " + outside + " lie outside " + scope
                    + ", the jurisdiction this caller drafts for");
        }
    }

    /** What validation annotations cannot see: times in order, areas known and of one bureau, incident known. */
    Uni<Void> checked(WarningDraft draft, OffsetDateTime now) {
        OffsetDateTime effective = draft.effectiveAt() == null ? now : draft.effectiveAt();
        if (!draft.expiresAt().isAfter(effective)) {
            throw new InvalidFieldException("expiresAt", "must be after effectiveAt (" + effective + ")");
        }
        if (!draft.expiresAt().isAfter(now)) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        Set<String> codes = new HashSet<>(draft.areaCodes());
        if (codes.size() != draft.areaCodes().size()) {
            throw new InvalidFieldException("areaCodes", "names an area more than once");
        }
        Uni<Void> incident = draft.incidentId() == null ? Uni.createFrom().voidItem()
                : Incident.count("id", draft.incidentId()).invoke(found -> {
                    if (found == 0) {
                        throw new InvalidFieldException("incidentId", "no incident " + draft.incidentId()
                                + " is known here");
                    }
                }).replaceWithVoid();
        return Area.<Area>list("code in ?1", codes).invoke(found -> {
            List<String> unknown = new ArrayList<>(codes);
            found.forEach(area -> unknown.remove(area.code));
            if (!unknown.isEmpty()) {
                throw new InvalidFieldException("areaCodes", "unknown areas: " + unknown);
            }
            // A warning goes out in one bureau's name (CAP sender): its areas must all be that bureau's.
            Set<String> jurisdictions = codes.stream().map(AreaCodes::jurisdiction)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (jurisdictions.size() > 1) {
                throw new InvalidFieldException("areaCodes", "names areas of more than one jurisdiction "
                        + jurisdictions + ": a warning speaks for one bureau; draft one for each");
            }
            String jurisdiction = jurisdictions.iterator().next();
            if (!cap.speaksFor(jurisdiction)) {
                throw new InvalidFieldException("areaCodes", "no bureau here warns for jurisdiction " + jurisdiction
                        + " (the bureaus here: " + cap.jurisdictions() + ")");
            }
        }).replaceWithVoid().call(() -> incident);
    }
}
