package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.TransferClosed;
import cn.jinjiang.emergency.shared.contract.events.TransferOrdered;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.warning.Area;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Orders and closes transfers, and reads them for whoever may read their warning. An order and its
 * {@code transfer.ordered} commit together, as do a closing and its {@code transfer.closed}.
 */
@ApplicationScoped
public class Transfers {

    private final Outbox outbox;

    public Transfers(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Orders a transfer on an issued warning in force (409 otherwise), of towns or villages inside its areas (400
     * naming the area otherwise). The warning is share-locked so that it cannot end while the order is made.
     */
    @WithTransaction
    public Uni<TransferSheet> order(UUID warningId, TransferOrder order, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Warning.<Warning>findById(warningId, LockModeType.PESSIMISTIC_READ).flatMap(warning -> {
            if (warning == null || !warning.within(caller.scope())) {
                return Uni.createFrom().failure(new NotFound("No warning " + warningId));
            }
            if (warning.status != Warning.Status.ACTIVE) {
                return Uni.createFrom().failure(new Conflict("Warning " + warningId + " is " + warning.status
                        + "; people are moved on an issued warning in force"));
            }
            if (!order.deadline().isAfter(now)) {
                throw new InvalidFieldException("deadline", "must be in the future");
            }
            List<String> codes = order.areas().stream().map(TransferOrder.Area::areaCode).toList();
            return Area.<Area>list("code in ?1", new HashSet<>(codes))
                    .flatMap(known -> persist(warning, order, checked(warning, order, known), caller.name(), now));
        });
    }

    /** Closes an open transfer (409 otherwise); its shelters stay open, people go home from them as reported. */
    @WithTransaction
    public Uni<TransferSheet> close(UUID transferId, String reason, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Transfer.<Transfer>findById(transferId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(transfer -> readable(transfer, transferId, caller))
                .flatMap(found -> {
                    Transfer transfer = found.transfer();
                    if (transfer.status != Transfer.Status.OPEN) {
                        return Uni.createFrom().failure(new Conflict("Transfer " + transferId + " is already "
                                + "closed"));
                    }
                    return end(transfer, found.warning(), reason, caller.name(), now).replaceWith(transfer);
                })
                .flatMap(TransferSheet::of);
    }

    /** Ends the transfer and announces it with where it stood; runs in the caller's transaction. */
    Uni<Void> end(Transfer transfer, Warning warning, String reason, String by, OffsetDateTime at) {
        transfer.status = Transfer.Status.CLOSED;
        transfer.closedBy = by;
        transfer.closedAt = at;
        transfer.closeReason = reason;
        return TransferSheet.areasOf(transfer.id).flatMap(areas -> {
            TransferSheet.Totals totals = TransferSheet.Totals.of(areas);
            return outbox.add(EventType.TRANSFER_CLOSED, warning.subject(), new TransferClosed(transfer.id,
                    transfer.warningId, transfer.incidentId, transfer.jurisdiction, totals.planned(), totals.moved(),
                    totals.remaining(), totals.refused(), reason, by, at));
        }).replaceWithVoid();
    }

    /** The transfer, for a caller who may read its warning; 404 for anyone else. */
    @WithSession
    public Uni<TransferSheet> get(UUID transferId, Caller caller) {
        return Transfer.<Transfer>findById(transferId).flatMap(transfer -> readable(transfer, transferId, caller))
                .flatMap(found -> TransferSheet.of(found.transfer()));
    }

    /** The warning's transfers, oldest first, for a caller who may read the warning; 404 for anyone else. */
    @WithSession
    public Uni<List<TransferSheet>> ofWarning(UUID warningId, Caller caller) {
        return Warning.<Warning>findById(warningId).flatMap(warning -> {
            if (warning == null || !warning.readableBy(caller)) {
                return Uni.createFrom().failure(new NotFound("No warning " + warningId));
            }
            return Transfer.<Transfer>list("warningId = ?1 order by orderedAt, id", warningId)
                    .flatMap(TransferSheet::of);
        });
    }

    /** A transfer and its warning, read together for a caller allowed to see them. */
    record Found(Transfer transfer, Warning warning) {
    }

    static Uni<Found> readable(Transfer transfer, UUID transferId, Caller caller) {
        if (transfer == null) {
            return Uni.createFrom().failure(new NotFound("No transfer " + transferId));
        }
        return Warning.<Warning>findById(transfer.warningId).map(warning -> {
            if (warning == null || !warning.readableBy(caller)) {
                throw new NotFound("No transfer " + transferId);
            }
            return new Found(transfer, warning);
        });
    }

    /** Each area's town, once the order's areas are found valid for the warning. */
    private static Map<String, String> checked(Warning warning, TransferOrder order, List<Area> known) {
        Map<String, Area> areas = new HashMap<>();
        known.forEach(area -> areas.put(area.code, area));
        Map<String, String> towns = new HashMap<>();
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < order.areas().size(); i++) {
            TransferOrder.Area wanted = order.areas().get(i);
            String field = "areas[" + i + "].areaCode";
            Area area = areas.get(wanted.areaCode());
            if (!listed.add(wanted.areaCode())) {
                throw new InvalidFieldException(field, "lists " + wanted.areaCode() + " twice");
            }
            if (area == null) {
                throw new InvalidFieldException(field, "no area " + wanted.areaCode() + " is known");
            }
            if (!"TOWNSHIP".equals(area.level) && !"VILLAGE".equals(area.level)) {
                throw new InvalidFieldException(field, "must be a town (street) or a village, not a " + area.level);
            }
            if (warning.areaCodes().stream().noneMatch(target -> AreaCodes.covers(target, wanted.areaCode()))) {
                throw new InvalidFieldException(field, wanted.areaCode() + " lies outside the warning's areas "
                        + warning.areaCodes());
            }
            if (wanted.vulnerableOrNone() > wanted.planned()) {
                throw new InvalidFieldException("areas[" + i + "].vulnerable", "cannot exceed planned ("
                        + wanted.planned() + ")");
            }
            towns.put(wanted.areaCode(), "VILLAGE".equals(area.level) ? area.parentCode : area.code);
        }
        // A town and one of its villages both listed would count the village's people twice.
        for (int i = 0; i < order.areas().size(); i++) {
            String code = order.areas().get(i).areaCode();
            String town = towns.get(code);
            if (!town.equals(code) && listed.contains(town)) {
                throw new InvalidFieldException("areas[" + i + "].areaCode", code + " lies in " + town
                        + ", also listed: list the town or its villages, not both");
            }
        }
        return towns;
    }

    private Uni<TransferSheet> persist(Warning warning, TransferOrder order, Map<String, String> towns, String by,
            OffsetDateTime now) {
        Transfer transfer = new Transfer();
        transfer.id = UUID.randomUUID();
        transfer.warningId = warning.id;
        transfer.incidentId = warning.incidentId;
        transfer.jurisdiction = warning.jurisdiction();
        transfer.reason = order.reason().strip();
        transfer.deadline = order.deadline().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        transfer.status = Transfer.Status.OPEN;
        transfer.orderedBy = by;
        transfer.orderedAt = now;
        List<TransferArea> areas = new ArrayList<>();
        for (TransferOrder.Area wanted : order.areas()) {
            TransferArea area = new TransferArea();
            area.id = UUID.randomUUID();
            area.transferId = transfer.id;
            area.areaCode = wanted.areaCode();
            area.townCode = towns.get(wanted.areaCode());
            area.ordered = wanted.planned();
            area.planned = wanted.planned();
            area.vulnerable = wanted.vulnerableOrNone();
            area.responsible = wanted.responsible().strip();
            area.remaining = wanted.planned();
            areas.add(area);
        }
        TransferOrdered event = new TransferOrdered(transfer.id, warning.id, warning.incidentId, transfer.reason,
                transfer.deadline, areas.stream().map(area -> new TransferOrdered.Area(area.areaCode, area.townCode,
                        area.planned, area.vulnerable, area.responsible)).toList(), by, now);
        return transfer.<Transfer>persist().call(() -> Panache.getSession().flatMap(session ->
                        session.persistAll(areas.toArray())))
                .call(() -> outbox.add(EventType.TRANSFER_ORDERED, warning.subject(), event))
                .flatMap(done -> TransferSheet.of(transfer, areas));
    }
}
