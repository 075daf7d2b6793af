package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Changes to an issued warning that wait for a second person: one that makes it orange or red, or changes an orange or
 * red one, is as consequential as the first issue, so it needs two people exactly as the first approval does. The
 * issued version stays in force (no CAP message) until somebody who proposed no part of the change approves it, which
 * issues the CAP Update; rejecting it drops it. Further changes meanwhile join the waiting one, so that approving it
 * never silently undoes one of them, and each of their authors is kept out of approving it.
 * <p>
 * Lifting an issued orange or red warning waits the same way (a red typhoon warning lifted too early sends people home
 * before the storm has passed): approving the waiting cancellation issues the CAP Cancel. One thing waits at a time,
 * of one kind: a cancellation is not proposed while a change waits, nor a change while a cancellation waits, nor a
 * second cancellation (each 409). So what a second commander approves is always what was proposed, and swapping one
 * for the other takes an explicit rejection that the history keeps.
 */
@ApplicationScoped
public class WarningChanges {

    private static final List<WarningVersion.Action> PROPOSALS = List.of(WarningVersion.Action.CHANGE_PROPOSED,
            WarningVersion.Action.CANCEL_PROPOSED);

    private final CapIssuer cap;
    private final WarningEvents events;

    public WarningChanges(CapIssuer cap, WarningEvents events) {
        this.cap = cap;
        this.events = events;
    }

    /** Records the change as waiting (or as the waiting change's latest proposal); runs in the caller's transaction. */
    Uni<Warning> propose(Warning warning, WarningDraft draft, String by, OffsetDateTime now) {
        return proposal(warning).flatMap(waiting -> {
            if (waiting != null && waiting.action == WarningVersion.Action.CANCEL_PROPOSED) {
                return Uni.createFrom().failure(new WarningClosedException("Lifting warning " + warning.id
                        + " waits for a second commander (proposed by " + waiting.by + "); approve or reject that "
                        + "first (POST .../change/approve or .../change/reject), then change it"));
            }
            return WarningVersion.record(warning, warning.proposed(draft, now), WarningVersion.Action.CHANGE_PROPOSED,
                    by, now, null, null).map(version -> {
                        if (warning.changeFrom == null) {
                            warning.changeFrom = version.version;
                        }
                        warning.changeVersion = version.version;
                        return warning;
                    });
        });
    }

    /**
     * Records lifting the issued orange or red warning as waiting for a second person; it stays in force meanwhile.
     * Refused (409) while anything else waits: it would otherwise replace, or be merged into, what others were about
     * to approve. Runs in the caller's transaction.
     */
    Uni<Warning> proposeCancel(Warning warning, String reason, String by, OffsetDateTime now) {
        return proposal(warning).flatMap(waiting -> {
            if (waiting != null) {
                boolean cancel = waiting.action == WarningVersion.Action.CANCEL_PROPOSED;
                return Uni.createFrom().failure(new WarningClosedException((cancel
                        ? "Lifting warning " + warning.id + " already waits for a second commander (proposed by "
                        + waiting.by + "); approve it (POST .../change/approve) rather than propose it again"
                        : "A change to warning " + warning.id + " waits for a second commander; approve or reject "
                        + "it first (POST .../change/approve or .../change/reject), then lift the warning")));
            }
            return WarningVersion.record(warning, warning, WarningVersion.Action.CANCEL_PROPOSED, by, now, null,
                    reason).map(version -> {
                        warning.changeFrom = version.version;
                        warning.changeVersion = version.version;
                        return warning;
                    });
        });
    }

    /**
     * Issues the waiting change as a CAP Update, or the waiting cancellation as a CAP Cancel, on the word of somebody
     * who proposed no part of it.
     */
    @WithTransaction
    public Uni<Warning> approve(UUID id, String by, String scope) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return waiting(id, scope).flatMap(warning -> proposal(warning).flatMap(proposal ->
                WarningVersion.authors(id, warning.changeFrom, PROPOSALS).flatMap(authors -> {
                    boolean cancel = proposal.action == WarningVersion.Action.CANCEL_PROPOSED;
                    if (authors.contains(by)) {
                        return Uni.createFrom().failure(new ForbiddenException((cancel
                                ? "Lifting an orange or red warning" : "A change to an orange or red warning")
                                + " is issued only on a second person's approval: " + by + " proposed it ("
                                + String.join(", ", authors) + " did), so another commander must approve it"));
                    }
                    return cancel ? lift(warning, proposal, by, now) : update(warning, proposal, by, now);
                })));
    }

    /** Drops the waiting change or cancellation (its proposer withdrawing it, or another commander refusing it). */
    @WithTransaction
    public Uni<Warning> reject(UUID id, String reason, String by, String scope) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return waiting(id, scope).flatMap(warning -> proposal(warning).flatMap(proposal -> {
            warning.changeFrom = null;
            warning.changeVersion = null;
            return WarningVersion.record(warning, warning,
                    proposal.action == WarningVersion.Action.CANCEL_PROPOSED
                            ? WarningVersion.Action.CANCEL_REJECTED : WarningVersion.Action.CHANGE_REJECTED,
                    by, now, null, reason).replaceWith(warning);
        }));
    }

    private Uni<Warning> update(Warning warning, WarningVersion proposal, String by, OffsetDateTime now) {
        if (!proposal.expiresAt.isAfter(now)) {
            return Uni.createFrom().failure(new InvalidFieldException("expiresAt",
                    "of the waiting change has passed; reject it and propose another"));
        }
        proposal.applyTo(warning, now);
        warning.changeFrom = null;
        warning.changeVersion = null;
        return cap.issue(warning, MsgType.UPDATE)
                .call(message -> events.publish(EventType.WARNING_UPDATED, warning, message.identifier, by))
                .call(message -> WarningVersion.record(warning, warning, WarningVersion.Action.CHANGE_APPROVED, by,
                        now, message.identifier, null))
                .replaceWith(warning);
    }

    /** The CAP Cancel and {@code warning.cancelled} exactly as a direct cancellation issues them, the approver's. */
    private Uni<Warning> lift(Warning warning, WarningVersion proposal, String by, OffsetDateTime now) {
        warning.status = Warning.Status.CANCELLED;
        warning.endedBy = by;
        warning.endedAt = now;
        warning.endReason = proposal.note;
        warning.updatedAt = now;
        warning.changeFrom = null;
        warning.changeVersion = null;
        return cap.issue(warning, MsgType.CANCEL)
                .call(message -> events.publish(EventType.WARNING_CANCELLED, warning, message.identifier, by))
                .call(message -> WarningVersion.record(warning, warning, WarningVersion.Action.CANCEL_APPROVED, by,
                        now, message.identifier, proposal.note))
                .replaceWith(warning);
    }

    /** The latest proposal of what waits for a second person (a change or a cancellation), or null if nothing does. */
    static Uni<WarningVersion> proposal(Warning warning) {
        if (!warning.hasPendingChange()) {
            return Uni.createFrom().nullItem();
        }
        return WarningVersion.<WarningVersion>find("warningId = ?1 and version = ?2", warning.id,
                warning.changeVersion).firstResult();
    }

    private static Uni<Warning> waiting(UUID id, String scope) {
        return Warnings.locked(id, scope).invoke(warning -> {
            if (warning.status != Warning.Status.ACTIVE || !warning.hasPendingChange()) {
                throw new WarningClosedException("No change of warning " + id + " waits for approval (it is "
                        + warning.status + ")");
            }
        });
    }
}
