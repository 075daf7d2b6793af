package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.unit.PositionReport;
import cn.jinjiang.emergency.dispatch.domain.unit.StatusReport;
import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitCycle;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitDraft;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitRegistry;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitSearch;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitStatusChange;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
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
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/units")
@Tag(name = "Units", description = "The rescue-unit registry, and what units report from the field")
public class UnitResource {

    /** How much of a unit's timeline its own page shows, newest last. */
    private static final int TIMELINE = 200;

    private final UnitRegistry registry;
    private final UnitCycle cycle;
    private final SecurityIdentity identity;

    public UnitResource(UnitRegistry registry, UnitCycle cycle, SecurityIdentity identity) {
        this.registry = registry;
        this.cycle = cycle;
        this.identity = identity;
    }

    public record UnitPage(List<UnitView> items, int page, int size, long total) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<UnitPage> list(
            @QueryParam("status") String status,
            @QueryParam("type") String type,
            @QueryParam("capability") String capability,
            @QueryParam("areaCode") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String areaCode,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        UnitSearch search = new UnitSearch(QueryParams.oneOf("status", status, UnitStatus.class),
                QueryParams.oneOf("type", type, UnitType.class),
                QueryParams.oneOf("capability", capability, Capability.class), areaCode);
        return search.page(page, size).map(found -> new UnitPage(
                found.items().stream().map(UnitView::of).toList(), page, size, found.total()));
    }

    /** The unit with its status timeline, oldest first. */
    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<UnitView> get(@PathParam("id") UUID id) {
        return Unit.<Unit>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No unit " + id))
                .flatMap(unit -> UnitStatusChange.timelineOf(id, TIMELINE).map(timeline -> UnitView.of(unit, timeline)));
    }

    @POST
    @PermissionsAllowed(AccessPolicy.MANAGE_UNITS)
    public Uni<Response> register(@Valid @NotNull UnitDraft draft, UriInfo uri) {
        return registry.register(draft, Caller.of(identity).name()).map(unit -> Response.created(
                uri.getAbsolutePathBuilder().path(unit.id.toString()).build()).entity(UnitView.of(unit)).build());
    }

    @PUT
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.MANAGE_UNITS)
    public Uni<UnitView> update(@PathParam("id") UUID id, @Valid @NotNull UnitDraft draft) {
        return registry.update(id, draft, Caller.of(identity).name()).map(UnitView::of);
    }

    /**
     * The unit reports its next status: AVAILABLE → (assigned: DISPATCHED) → EN_ROUTE → ON_SCENE → RETURNING →
     * AVAILABLE, and OUT_OF_SERVICE from AVAILABLE or RETURNING. Any other move is 409; the same status again is a
     * harmless repeat.
     */
    @PUT
    @Path("/{id}/status")
    @PermissionsAllowed(AccessPolicy.REPORT_UNIT_STATUS)
    public Uni<UnitView> reportStatus(@PathParam("id") UUID id, @Valid @NotNull StatusReport report) {
        return cycle.report(id, report, Caller.of(identity).name(), FieldTerminal.ownCallSign(identity))
                .map(UnitView::of);
    }

    @PUT
    @Path("/{id}/position")
    @PermissionsAllowed(AccessPolicy.REPORT_UNIT_STATUS)
    public Uni<UnitView> reportPosition(@PathParam("id") UUID id, @Valid @NotNull PositionReport position) {
        return cycle.move(id, position, FieldTerminal.ownCallSign(identity)).map(UnitView::of);
    }
}
