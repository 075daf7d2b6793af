package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.TransferProgress;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A duty officer's count of an area of a transfer (their own area or one below it), or the command centre's on their
 * behalf: the area's figures become the count, the report is kept, and {@code transfer.progress-reported} commits
 * with them. Two reports of one area are applied one after the other (the area's row is locked); a closing waits for
 * a report in flight (the transfer's row is share-locked), so nothing is counted on a closed transfer.
 */
@ApplicationScoped
public class TransferProgressReports {

    private final Outbox outbox;

    public TransferProgressReports(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<TransferSheet> report(UUID transferId, ProgressReport report, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Transfer.<Transfer>findById(transferId, LockModeType.PESSIMISTIC_READ)
                .flatMap(transfer -> allowed(transfer, transferId, report.areaCode(), caller))
                .flatMap(found -> {
                    Transfer transfer = found.transfer();
                    Warning warning = found.warning();
                    if (transfer.status != Transfer.Status.OPEN) {
                        return Uni.createFrom().failure(new Conflict("Transfer " + transferId + " is closed; its "
                                + "counts are final"));
                    }
                    if (warning.status != Warning.Status.ACTIVE) {
                        return Uni.createFrom().failure(new Conflict("Warning " + warning.id + " is "
                                + warning.status + "; its transfer ends with it"));
                    }
                    return TransferArea.<TransferArea>find("transferId = ?1 and areaCode = ?2", transferId,
                                    report.areaCode()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                            .flatMap(area -> apply(transfer, warning, area, report, caller.name(), now));
                })
                .flatMap(TransferSheet::of);
    }

    /**
     * The transfer's warning, when the caller may report for the area: a duty officer for their own area and below
     * (403 elsewhere), the command centre within its bureau (404 outside, as for reading).
     */
    private static Uni<Transfers.Found> allowed(Transfer transfer, UUID transferId, String areaCode,
            Caller caller) {
        if (transfer == null) {
            return Uni.createFrom().failure(new NotFound("No transfer " + transferId));
        }
        return Warning.<Warning>findById(transfer.warningId).map(warning -> {
            if (caller.area() != null) {
                if (!AreaCodes.covers(caller.area(), areaCode)) {
                    throw new ForbiddenException("areaCode " + areaCode + " is outside the duty officer's area "
                            + caller.area());
                }
            } else if (warning == null || !warning.within(caller.scope())) {
                throw new NotFound("No transfer " + transferId);
            }
            return new Transfers.Found(transfer, warning);
        });
    }

    private Uni<Transfer> apply(Transfer transfer, Warning warning, TransferArea area, ProgressReport report,
            String by, OffsetDateTime now) {
        if (area == null) {
            throw new InvalidFieldException("areaCode", report.areaCode() + " is not an area of transfer "
                    + transfer.id);
        }
        if (report.vulnerableMovedOrNone() > report.moved()) {
            throw new InvalidFieldException("vulnerableMoved", "cannot exceed moved (" + report.moved() + ")");
        }
        if (report.counted() != area.planned && !report.isRecount()) {
            throw new InvalidFieldException("remaining", "moved + remaining + refused is " + report.counted()
                    + " but " + area.planned + " are to move from " + area.areaCode + ": correct the counts, or "
                    + "give a reason (a recount)");
        }
        if (report.isRecount()) {
            area.planned = report.counted();
            area.recountReason = report.reason().strip();
        }
        area.moved = report.moved();
        area.remaining = report.remaining();
        area.refused = report.refusedOrNone();
        area.vulnerableMoved = report.vulnerableMovedOrNone();
        if (report.shelters() != null) {
            area.shelterList = String.join(",", report.shelters().stream().distinct().toList());
        }
        area.reportedBy = by;
        area.reportedAt = now;
        String reason = report.isRecount() ? area.recountReason : null;
        return Panache.getSession().flatMap(session -> session.createNativeQuery("INSERT INTO transfer_report (id, "
                                + "transfer_id, area_code, moved, remaining, refused, vulnerable_moved, shelters, reason, "
                                + "reported_by, reported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, transfer.id)
                        .setParameter(3, area.areaCode).setParameter(4, area.moved).setParameter(5, area.remaining)
                        .setParameter(6, area.refused).setParameter(7, area.vulnerableMoved)
                        .setParameter(8, area.shelterList).setParameter(9, reason).setParameter(10, by)
                        .setParameter(11, now).executeUpdate())
                .call(() -> outbox.add(EventType.TRANSFER_PROGRESS_REPORTED, warning.subject(),
                        area.progress(transfer, reason, by, now)))
                .replaceWith(transfer);
    }
}
