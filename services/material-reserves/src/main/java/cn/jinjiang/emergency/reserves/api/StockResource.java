package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.config.BureauCalendar;
import cn.jinjiang.emergency.reserves.domain.stock.Item;
import cn.jinjiang.emergency.reserves.domain.stock.Ledger;
import cn.jinjiang.emergency.reserves.domain.stock.Rotation;
import cn.jinjiang.emergency.reserves.domain.stock.StockQueries;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api")
@Tag(name = "Stock", description = "The catalogue, stock across the network, rotation and the ledger's reconciliation")
public class StockResource {

    private final Rotation rotation;
    private final BureauCalendar calendar;

    public StockResource(Rotation rotation, BureauCalendar calendar) {
        this.rotation = rotation;
        this.calendar = calendar;
    }

    public record ItemView(String code, String name, String nameZh, String category, String unit,
                           Integer shelfLifeDays, int lowStockLevel) {
        static ItemView of(Item item) {
            return new ItemView(item.code, item.name, item.nameZh, item.category, item.unit, item.shelfLifeDays,
                    item.lowStockLevel);
        }
    }

    public record NetworkStock(String itemCode, long onHand, long reserved, long free, long expired,
                               List<StockQueries.Holding> warehouses) {
    }

    public record Mismatch(UUID lotId, String itemCode, UUID warehouseId, int onHand, long ledger) {
    }

    public record Reconciliation(boolean balanced, List<Mismatch> mismatches) {
    }

    @GET
    @Path("/items")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<List<ItemView>> items() {
        return Item.<Item>list("order by category, code").map(items -> items.stream().map(ItemView::of).toList());
    }

    /** An item's stock in every warehouse holding it, most free first, with the network's totals. */
    @GET
    @Path("/stock")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<NetworkStock> stock(@QueryParam("item") String itemCode) {
        if (itemCode == null || itemCode.isBlank()) {
            throw new InvalidFieldException("item", "is required: an item code from the catalogue");
        }
        return Item.<Item>findById(itemCode).flatMap(item -> {
            if (item == null) {
                throw new InvalidFieldException("item", "no item " + itemCode + " in the catalogue");
            }
            return StockQueries.ofItem(itemCode, calendar.today()).map(holdings -> new NetworkStock(itemCode,
                    holdings.stream().mapToLong(StockQueries.Holding::onHand).sum(),
                    holdings.stream().mapToLong(StockQueries.Holding::reserved).sum(),
                    holdings.stream().mapToLong(StockQueries.Holding::free).sum(),
                    holdings.stream().mapToLong(StockQueries.Holding::expired).sum(), holdings));
        });
    }

    /** Lots to rotate: stock expiring within the rotation window, or already expired, soonest first. */
    @GET
    @Path("/rotation")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<List<Rotation.Due>> rotation(@QueryParam("item") String itemCode,
            @QueryParam("warehouse") UUID warehouseId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return rotation.due(itemCode, warehouseId, page * size, size);
    }

    /** Every lot's on-hand against the sum of its ledger rows: balanced when no lot differs. */
    @GET
    @Path("/ledger/reconciliation")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<Reconciliation> reconciliation() {
        return Ledger.mismatches().map(rows -> {
            List<Mismatch> mismatches = rows.stream().map(row -> new Mismatch((UUID) row[0], (String) row[1],
                    (UUID) row[2], ((Number) row[3]).intValue(), ((Number) row[4]).longValue())).toList();
            return new Reconciliation(mismatches.isEmpty(), mismatches);
        });
    }
}
