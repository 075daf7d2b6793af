package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
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
import java.util.UUID;

/**
 * A warning's life. Drafting issues nothing; approval issues the CAP Alert (for orange and red only on a second
 * person's word: never the drafter's, as a false alert is as harmful as a missed one); an update of an issued warning
 * issues a CAP Update, a cancellation a CAP Cancel; expiry ends it without a message (CAP receivers honour
 * {@code expires} themselves). Each change and its messages commit together.
 */
@ApplicationScoped
public class Warnings {

    private final CapIssuer cap;
    private final WarningEvents events;

    public Warnings(CapIssuer cap, WarningEvents events) {
        this.cap = cap;
        this.events = events;
    }

    @WithTransaction
    public Uni<Warning> draft(WarningDraft draft, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return checked(draft, now).flatMap(ignored -> {
            Warning warning = new Warning();
            warning.id = UUID.randomUUID();
            warning.incidentId = draft.incidentId();
            warning.apply(draft, now);
            warning.status = Warning.Status.DRAFT;
            warning.draftedBy = by;
            warning.draftedAt = now;
            return warning.persist().replaceWith(warning);
        });
    }

    @WithTransaction
    public Uni<Warning> approve(UUID id, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id).flatMap(warning -> {
            if (warning.status != Warning.Status.DRAFT) {
                return Uni.createFrom().failure(new WarningClosedException("Warning " + id + " is " + warning.status
                        + "; only a draft is approved"));
            }
            if (warning.needsSecondPerson() && warning.draftedBy.equals(by)) {
                return Uni.createFrom().failure(new ForbiddenException("A " + warning.level
                        + " warning is issued only on a second person's approval, not its drafter's"));
            }
            if (!warning.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(new InvalidFieldException("expiresAt",
                        "has passed; change the draft before approving it"));
            }
            warning.status = Warning.Status.ACTIVE;
            warning.approvedBy = by;
            warning.approvedAt = now;
            warning.updatedAt = now;
            return issue(warning, MsgType.ALERT, EventType.WARNING_ISSUED, by);
        });
    }

    /**
     * A draft is simply changed; an issued warning is changed and re-issued as a CAP Update, which only someone who may
     * issue warnings ({@code mayIssue}) can do.
     */
    @WithTransaction
    public Uni<Warning> update(UUID id, WarningDraft draft, String by, boolean mayIssue) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return checked(draft, now).flatMap(ignored -> locked(id)).flatMap(warning -> {
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
            warning.apply(draft, now);
            return warning.status == Warning.Status.DRAFT ? Uni.createFrom().item(warning)
                    : issue(warning, MsgType.UPDATE, EventType.WARNING_UPDATED, by);
        });
    }

    /** Lifts an issued warning (CAP Cancel) or drops a draft (no message: it was never issued). */
    @WithTransaction
    public Uni<Warning> cancel(UUID id, String reason, String by, boolean mayIssue) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id).flatMap(warning -> {
            if (warning.status == Warning.Status.ACTIVE && !mayIssue) {
                return Uni.createFrom().failure(new ForbiddenException("Lifting an issued warning issues a CAP "
                        + "Cancel: that needs a commander"));
            }
            if (warning.status == Warning.Status.CANCELLED || warning.status == Warning.Status.EXPIRED) {
                return Uni.createFrom().failure(new WarningClosedException("Warning " + id + " is already "
                        + warning.status));
            }
            boolean issued = warning.status == Warning.Status.ACTIVE;
            warning.status = Warning.Status.CANCELLED;
            warning.endedBy = by;
            warning.endedAt = now;
            warning.endReason = reason;
            warning.updatedAt = now;
            return issued ? issue(warning, MsgType.CANCEL, EventType.WARNING_CANCELLED, by)
                    : Uni.createFrom().item(warning);
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
                        all = all.call(() -> events.publish(EventType.WARNING_EXPIRED, warning, null, "system"));
                    }
                    return all.replaceWith(due.size());
                });
    }

    private Uni<Warning> issue(Warning warning, MsgType type, EventType event, String by) {
        return cap.issue(warning, type)
                .call(message -> events.publish(event, warning, message.identifier, by))
                .replaceWith(warning);
    }

    private static Uni<Warning> locked(UUID id) {
        return Warning.<Warning>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No warning " + id));
    }

    /** What validation annotations cannot see: times in order, areas and incident known. */
    private static Uni<Void> checked(WarningDraft draft, OffsetDateTime now) {
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
        }).replaceWithVoid().call(() -> incident);
    }
}
