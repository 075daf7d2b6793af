package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.WarningNotice;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells the other services what became of a warning, through the outbox, in the transaction of the change. */
@ApplicationScoped
public class WarningEvents {

    private final Outbox outbox;

    public WarningEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(EventType type, Warning warning, String capIdentifier, String by) {
        WarningNotice.Status status = switch (warning.status) {
            case CANCELLED -> WarningNotice.Status.CANCELLED;
            case EXPIRED -> WarningNotice.Status.EXPIRED;
            default -> WarningNotice.Status.ACTIVE;
        };
        return outbox.add(type, warning.subject(), new WarningNotice(warning.id, warning.incidentId, warning.hazard,
                warning.level, warning.mode, warning.headline, warning.instruction, warning.areaCodes(),
                warning.effectiveAt, warning.expiresAt, status, capIdentifier, warning.endReason, by,
                warning.updatedAt)).replaceWithVoid();
    }
}
