package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.stock.LedgerEntry;
import cn.jinjiang.emergency.reserves.domain.stock.Lot;
import cn.jinjiang.emergency.reserves.domain.stock.StockMovements;
import cn.jinjiang.emergency.reserves.domain.stock.StockQueries;
import cn.jinjiang.emergency.reserves.domain.stock.Warehouse;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.shared.contract.events.StockLevels;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/warehouses")
@Tag(name = "Warehouses", description = "Reserve warehouses, their stock by lot, their ledger and the keeper's movements")
public class WarehouseResource {

    private final StockMovements movements;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;
    private final BureauCalendar calendar;

    public WarehouseResource(StockMovements movements, IdempotentRequests requests, SecurityIdentity identity,
            BureauCalendar calendar) {
        this.movements = movements;
        this.requests = requests;
        this.identity = identity;
        this.calendar = calendar;
    }

    public record WarehouseView(UUID id, String code, String name, String nameZh, StockLevels.Level level,
                                String areaCode, double latitude, double longitude, String operator) {
        static WarehouseView of(Warehouse w) {
            return new WarehouseView(w.id, w.code, w.name, w.nameZh, w.level, w.areaCode, w.latitude, w.longitude,
                    w.operator);
        }

        /** The county bureau it belongs to (its area code's first six digits). */
        @JsonProperty
        public String jurisdiction() {
            return AreaCodes.jurisdictionOf(areaCode);
        }
    }

    public record LotView(UUID id, String itemCode, Lot.Source source, OffsetDateTime receivedAt, LocalDate expiresOn,
                          int onHand, int reserved, int free, boolean expired, UUID donationId) {
        static LotView of(Lot lot, LocalDate today) {
            return new LotView(lot.id, lot.itemCode, lot.source, lot.receivedAt, lot.expiresOn, lot.onHand,
                    lot.reserved, lot.free(today), lot.isExpired(today), lot.donationId);
        }
    }

    public record ItemStock(String itemCode, long onHand, long reserved, long free, long expired) {
    }

    public record StockView(WarehouseView warehouse, List<ItemStock> items, List<LotView> lots) {
    }

    public record EntryView(long id, UUID lotId, String itemCode, LedgerEntry.Kind kind, int quantity, String reason,
                            UUID allocationId, UUID movementId, String recordedBy, OffsetDateTime recordedAt) {
        static EntryView of(LedgerEntry e) {
            return new EntryView(e.id, e.lotId, e.itemCode, e.kind, e.quantity, e.reason, e.allocationId,
                    e.movementId, e.recordedBy, e.recordedAt);
        }
    }

    public record MovementView(UUID movementId, List<EntryView> entries) {
        static MovementView of(StockMovements.Moved moved) {
            return new MovementView(moved.movementId(), moved.entries().stream().map(EntryView::of).toList());
        }
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<List<WarehouseView>> list(@QueryParam("level") String level,
            @QueryParam("area") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String area) {
        StockLevels.Level wanted = QueryParams.oneOf("level", level, StockLevels.Level.class);
        return Warehouse.<Warehouse>list("order by code").map(all -> all.stream()
                .filter(w -> wanted == null || w.level == wanted)
                .filter(w -> area == null || AreaCodes.covers(area, w.areaCode))
                .map(WarehouseView::of).toList());
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<WarehouseView> get(@PathParam("id") UUID id) {
        return warehouse(id).map(WarehouseView::of);
    }

    /** The warehouse's stock per item and every lot with stock, soonest expiry first within an item. */
    @GET
    @Path("/{id}/stock")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<StockView> stock(@PathParam("id") UUID id) {
        LocalDate today = calendar.today();
        return warehouse(id).flatMap(warehouse -> StockQueries.ofWarehouse(id, today).flatMap(holdings -> StockQueries
                .lots(id).map(lots -> new StockView(WarehouseView.of(warehouse),
                        holdings.stream().map(h -> new ItemStock(h.itemCode(), h.onHand(), h.reserved(), h.free(),
                                h.expired())).toList(),
                        lots.stream().map(lot -> LotView.of(lot, today)).toList()))));
    }

    /** The warehouse's ledger, newest first. */
    @GET
    @Path("/{id}/ledger")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<List<EntryView>> ledger(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return warehouse(id).flatMap(w -> StockQueries.ledger(id, page, size))
                .map(entries -> entries.stream().map(EntryView::of).toList());
    }

    @POST
    @Path("/{id}/receipts")
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> receive(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Receipt request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> movements.receive(id, request.items().stream()
                .map(line -> new StockMovements.Receipt(line.itemCode(), line.quantity(), line.expiresOn(),
                        line.source())).toList(), request.reason(), by).map(MovementView::of));
    }

    @POST
    @Path("/{id}/issues")
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> issue(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Issue request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> movements.issue(id, request.itemCode(), request.quantity(),
                request.reason().strip(), by).map(MovementView::of));
    }

    @POST
    @Path("/{id}/adjustments")
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> adjust(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Adjustment request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> movements.adjust(id, request.lotId(), request.quantity(),
                request.reason().strip(), by).map(MovementView::of));
    }

    @POST
    @Path("/{id}/write-offs")
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> writeOff(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.WriteOff request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> movements.writeOff(id, request.lotId(),
                request.quantity(), request.reason().strip(), by).map(MovementView::of));
    }

    @POST
    @Path("/{id}/transfers")
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> transfer(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Transfer request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> movements.transfer(id, request.toWarehouseId(),
                request.itemCode(), request.quantity(), request.reason().strip(), by).map(MovementView::of));
    }

    private static Uni<Warehouse> warehouse(UUID id) {
        return Warehouse.<Warehouse>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No warehouse " + id));
    }
}
