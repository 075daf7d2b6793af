package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Adds units to the registry and keeps their standing data (type, capabilities, home, crew). A unit registered or
 * changed here is announced as unit.listed in the same transaction, so the picture shows it before it ever moves.
 */
@ApplicationScoped
public class UnitRegistry {

    private final UnitEvents events;

    public UnitRegistry(UnitEvents events) {
        this.events = events;
    }

    @WithTransaction
    public Uni<Unit> register(UnitDraft draft, String by) {
        return Unit.count("callSign", draft.callSign()).flatMap(existing -> {
            if (existing > 0) {
                return Uni.createFrom().failure(new Conflict("A unit with call sign "
                        + draft.callSign() + " is already registered"));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Unit unit = new Unit();
            unit.id = UUID.randomUUID();
            unit.callSign = draft.callSign();
            unit.status = UnitStatus.AVAILABLE;
            unit.statusSince = now;
            unit.latitude = draft.latitude();
            unit.longitude = draft.longitude();
            unit.positionAt = now;
            return apply(unit, draft, now).call(unit::persist).call(() -> events.listed(unit, by, now));
        });
    }

    @WithTransaction
    public Uni<Unit> update(UUID id, UnitDraft draft, String by) {
        return Unit.<Unit>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No unit " + id))
                .flatMap(unit -> {
                    if (!unit.callSign.equals(draft.callSign())) {
                        return Uni.createFrom().failure(new InvalidFieldException("callSign",
                                "cannot change (it is " + unit.callSign + "); register a new unit instead"));
                    }
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    unit.listedVersion++;
                    return apply(unit, draft, now).call(() -> events.listed(unit, by, now));
                });
    }

    private static Uni<Unit> apply(Unit unit, UnitDraft draft, OffsetDateTime now) {
        Uni<Void> station = draft.stationCode() == null ? Uni.createFrom().voidItem()
                : Station.count("code", draft.stationCode()).invoke(found -> {
                    if (found == 0) {
                        throw new InvalidFieldException("stationCode", "no station " + draft.stationCode());
                    }
                }).replaceWithVoid();
        return station.map(ignored -> {
            unit.type = draft.type();
            unit.capabilityList = Unit.capabilities(draft.capabilities());
            unit.stationCode = draft.stationCode();
            unit.areaCode = draft.areaCode();
            unit.crew = draft.crew();
            unit.illustrative = false;
            unit.updatedAt = now;
            return unit;
        });
    }
}
