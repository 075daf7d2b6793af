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
 */
@ApplicationScoped
public class WarningChanges {

    private static final List<WarningVersion.Action> PROPOSALS = List.of(WarningVersion.Action.CHANGE_PROPOSED);

    private final CapIssuer cap;
    private final WarningEvents events;

    public WarningChanges(CapIssuer cap, WarningEvents events) {
        this.cap = cap;
        this.events = events;
    }

    /** Records the change as waiting (or as the waiting change's latest proposal); runs in the caller's transaction. */
    Uni<Warning> propose(Warning warning, WarningDraft draft, String by, OffsetDateTime now) {
        return WarningVersion.record(warning, warning.proposed(draft, now), WarningVersion.Action.CHANGE_PROPOSED, by,
                now, null, null).map(version -> {
                    if (warning.changeFrom == null) {
                        warning.changeFrom = version.version;
                    }
                    warning.changeVersion = version.version;
                    return warning;
                });
    }

    /** Issues the waiting change as a CAP Update, on the word of somebody who proposed no part of it. */
    @WithTransaction
    public Uni<Warning> approve(UUID id, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return waiting(id).flatMap(warning -> WarningVersion.authors(id, warning.changeFrom, PROPOSALS)
                .flatMap(authors -> {
                    if (authors.contains(by)) {
                        return Uni.createFrom().<WarningVersion>failure(new ForbiddenException("A change to an "
                                + "orange or red warning is issued only on a second person's approval: " + by
                                + " proposed it (" + String.join(", ", authors)
                                + " did), so another commander must approve it"));
                    }
                    return WarningVersion.<WarningVersion>find("warningId = ?1 and version = ?2", id,
                            warning.changeVersion).firstResult();
                })
                .flatMap(proposal -> {
                    if (!proposal.expiresAt.isAfter(now)) {
                        return Uni.createFrom().failure(new InvalidFieldException("expiresAt",
                                "of the waiting change has passed; reject it and propose another"));
                    }
                    proposal.applyTo(warning, now);
                    warning.changeFrom = null;
                    warning.changeVersion = null;
                    return cap.issue(warning, MsgType.UPDATE)
                            .call(message -> events.publish(EventType.WARNING_UPDATED, warning, message.identifier,
                                    by))
                            .call(message -> WarningVersion.record(warning, warning,
                                    WarningVersion.Action.CHANGE_APPROVED, by, now, message.identifier, null))
                            .replaceWith(warning);
                }));
    }

    /** Drops the waiting change (its proposer withdrawing it, or another commander refusing it); nothing is issued. */
    @WithTransaction
    public Uni<Warning> reject(UUID id, String reason, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return waiting(id).flatMap(warning -> {
            warning.changeFrom = null;
            warning.changeVersion = null;
            return WarningVersion.record(warning, warning, WarningVersion.Action.CHANGE_REJECTED, by, now, null,
                    reason).replaceWith(warning);
        });
    }

    private static Uni<Warning> waiting(UUID id) {
        return Warnings.locked(id).invoke(warning -> {
            if (warning.status != Warning.Status.ACTIVE || !warning.hasPendingChange()) {
                throw new WarningClosedException("No change of warning " + id + " waits for approval (it is "
                        + warning.status + ")");
            }
        });
    }
}
