package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.allocation.Allocating;
import cn.jinjiang.emergency.reserves.domain.allocation.Allocation;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationCycle;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationSheet;
import cn.jinjiang.emergency.reserves.domain.allocation.AllocationSheets;
import cn.jinjiang.emergency.reserves.domain.allocation.Asked;
import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice;
import cn.jinjiang.emergency.shared.contract.events.AllocationShortfall;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/incidents/{id}/allocations")
@Tag(name = "Allocations", description = "Materials allocated from the reserves to an incident, and their way there")
public class IncidentAllocationsResource {

    private final Allocating allocating;
    private final AllocationCycle cycle;
    private final AllocationSheets sheets;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentAllocationsResource(Allocating allocating, AllocationCycle cycle, AllocationSheets sheets,
            IdempotentRequests requests, SecurityIdentity identity) {
        this.allocating = allocating;
        this.cycle = cycle;
        this.sheets = sheets;
        this.requests = requests;
        this.identity = identity;
    }

    /**
     * An allocation: per item what was asked, reserved, uncovered, and late for the relief target; where each part
     * comes from and when it arrives; the agreement reserves that could cover what is short.
     */
    public record AllocationView(UUID id, UUID incidentId, String jurisdiction, AllocationNotice.Status status,
                                 GeoPoint deliveryPoint,
                                 String deliveryNote, OffsetDateTime reliefDueAt, boolean shortfall, List<Line> lines,
                                 String requestedBy, OffsetDateTime createdAt, String updatedBy,
                                 OffsetDateTime updatedAt, String reason) {

        public record Line(String itemCode, int requested, int reserved, int uncovered, int late,
                           List<AllocationSheet.Pick> picks, List<AllocationShortfall.AgreementOption> agreements) {
        }

        static AllocationView of(AllocationSheet sheet) {
            Allocation a = sheet.allocation();
            return new AllocationView(a.id, a.incidentId, a.jurisdiction, a.status, a.deliveryPoint(), a.deliveryNote,
                    a.reliefDueAt, sheet.isShort(), sheet.lines().stream().map(line -> new Line(line.itemCode(), line.requested(),
                            line.reserved(), line.uncovered(), line.late(), line.picks(), line.agreements())).toList(),
                    a.requestedBy, a.createdAt, a.updatedBy, a.updatedAt, a.reason);
        }
    }

    /** Every allocation to the incident, oldest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<List<AllocationView>> list(@PathParam("id") UUID id) {
        return IncidentProjector.known(Incident.class, id).flatMap(incident -> Allocation.of(id))
                .flatMap(sheets::of).map(all -> all.stream().map(AllocationView::of).toList());
    }

    @GET
    @Path("/{allocationId}")
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<AllocationView> get(@PathParam("id") UUID id, @PathParam("allocationId") UUID allocationId) {
        return Allocation.<Allocation>findById(allocationId).flatMap(allocation -> {
            if (allocation == null || !allocation.incidentId.equals(id)) {
                throw new NotFoundException("No allocation " + allocationId + " for incident " + id);
            }
            return sheets.of(allocation);
        }).map(AllocationView::of);
    }

    /**
     * Reserves the items for the incident from the nearest warehouses holding them, first-expiry-first-out, split
     * across warehouses as needed. Whatever cannot be covered, or cannot arrive within the relief target, is on the
     * answer (and announced) with the agreement reserves that could cover it. Retry-safe with an Idempotency-Key.
     */
    @POST
    @PermissionsAllowed(AccessPolicy.ALLOCATE_MATERIALS)
    public Uni<Response> allocate(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Allocate request) {
        String by = Caller.of(identity).name();
        List<AllocationPlanner.Need> needs = request.lines().stream()
                .map(line -> new AllocationPlanner.Need(line.itemCode(), line.quantity())).toList();
        GeoPoint point = new GeoPoint(request.deliveryPoint().latitude(), request.deliveryPoint().longitude());
        IdempotentRequests.Claim claim = requests.claim(key, request);
        return allocating.allocate(new Asked(id, needs, point, request.note(), by, claim,
                        sheet -> new Replay(201, null, requests.json(AllocationView.of(sheet)))))
                .map(Replay::toResponse);
    }

    /** The materials left their warehouses: the reserved stock is issued in the ledger. */
    @POST
    @Path("/{allocationId}/dispatch")
    @PermissionsAllowed(AccessPolicy.SHIP_MATERIALS)
    public Uni<Response> dispatch(@PathParam("id") UUID id, @PathParam("allocationId") UUID allocationId,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        String by = Caller.of(identity).name();
        return requests.respond(key, null, 200, () -> cycle.dispatch(id, allocationId, by).map(AllocationView::of));
    }

    @POST
    @Path("/{allocationId}/deliver")
    @PermissionsAllowed(AccessPolicy.SHIP_MATERIALS)
    public Uni<Response> deliver(@PathParam("id") UUID id, @PathParam("allocationId") UUID allocationId,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        String by = Caller.of(identity).name();
        return requests.respond(key, null, 200, () -> cycle.deliver(id, allocationId, by).map(AllocationView::of));
    }

    /** The materials came back unused, into the lots they left. */
    @POST
    @Path("/{allocationId}/return")
    @PermissionsAllowed(AccessPolicy.SHIP_MATERIALS)
    public Uni<Response> returned(@PathParam("id") UUID id, @PathParam("allocationId") UUID allocationId,
            @HeaderParam(IdempotentRequests.HEADER) String key, @Valid @NotNull ReserveRequests.Reason request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 200, () -> cycle.returned(id, allocationId, request.reason().strip(), by)
                .map(AllocationView::of));
    }

    /** Cancelled before dispatch: the reserved stock is free again. */
    @POST
    @Path("/{allocationId}/cancel")
    @PermissionsAllowed(AccessPolicy.ALLOCATE_MATERIALS)
    public Uni<Response> cancel(@PathParam("id") UUID id, @PathParam("allocationId") UUID allocationId,
            @HeaderParam(IdempotentRequests.HEADER) String key, @Valid @NotNull ReserveRequests.Reason request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 200, () -> cycle.cancel(id, allocationId, request.reason().strip(), by)
                .map(AllocationView::of));
    }
}
