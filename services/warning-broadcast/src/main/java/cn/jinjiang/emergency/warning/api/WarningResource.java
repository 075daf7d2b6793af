package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.Replay;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.broadcast.Coverage;
import cn.jinjiang.emergency.warning.domain.broadcast.CoveragePolicy;
import cn.jinjiang.emergency.warning.domain.warning.CapMessage;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import cn.jinjiang.emergency.warning.domain.warning.WarningDraft;
import cn.jinjiang.emergency.warning.domain.warning.WarningSearch;
import cn.jinjiang.emergency.warning.domain.warning.WarningVersion;
import cn.jinjiang.emergency.warning.domain.warning.Warnings;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/api/warnings")
@Tag(name = "Warnings", description = "Warnings: drafted, approved (issued as signed CAP 1.2), updated, cancelled")
public class WarningResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    private final Warnings warnings;
    private final CoveragePolicy coverage;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public WarningResource(Warnings warnings, IdempotentRequests requests, CoveragePolicy coverage,
            SecurityIdentity identity) {
        this.warnings = warnings;
        this.requests = requests;
        this.coverage = coverage;
        this.identity = identity;
    }

    public record Cancellation(@NotBlank @Size(max = 1000) String reason) {
    }

    /** Drafts a warning; nothing is issued until a commander approves it. */
    @POST
    @PermissionsAllowed(AccessPolicy.DRAFT_WARNINGS)
    public Uni<Response> draft(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                               @Valid @NotNull WarningDraft draft, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return requests.created(idempotencyKey, draft, () -> warnings.draft(draft, caller.name(), caller.scope())
                        .flatMap(WarningResource::view),
                view -> uri.getAbsolutePathBuilder().path(view.id().toString()).build());
    }

    /**
     * Issues the warning: its CAP Alert goes to the broadcast platform. Orange and red need a second person: nobody who
     * drafted or changed the draft can approve them (403). Approving twice is 409 and issues nothing more.
     */
    @POST
    @Path("/{id}/approve")
    @PermissionsAllowed(AccessPolicy.APPROVE_WARNINGS)
    public Uni<Response> approve(@PathParam("id") UUID id,
                                 @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, null, 200,
                () -> warnings.approve(id, caller.name(), caller.scope()).flatMap(WarningResource::view));
    }

    /**
     * Changes a draft (200), or an issued warning (a commander's). A blue or yellow one that stays so is re-issued at
     * once as a CAP Update (200). A change that makes it orange or red, or changes an orange or red one, waits for a
     * second commander (202, shown as {@code pendingChange}; the issued version stays in force until
     * {@code POST .../change/approve}). While lifting the warning waits for approval, 409.
     */
    @PUT
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.DRAFT_WARNINGS)
    @APIResponse(responseCode = "200", description = "The draft changed, or the issued warning re-issued at once as a "
            + "CAP Update", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WarningView.class)))
    @APIResponse(responseCode = "202", description = "The change waits for a second commander (pendingChange, kind "
            + "CHANGE); the issued version stays in force and nothing is issued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarningView.class)))
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull WarningDraft draft) {
        Caller caller = Caller.of(identity);
        return warnings.update(id, draft, caller.name(), caller.scope(), mayIssue()).flatMap(WarningResource::view)
                .map(view -> Response.status(waits(view) ? Response.Status.ACCEPTED : Response.Status.OK)
                        .entity(view).build());
    }

    /**
     * Drops a draft, or lifts an issued warning (a commander's): a blue or yellow one at once with a CAP Cancel (200);
     * an orange or red one only on a second commander's approval (202, shown as {@code pendingChange} of kind
     * {@code CANCEL}; it stays in force, nothing is issued until {@code POST .../change/approve}). While a change or a
     * cancellation already waits, 409.
     */
    @POST
    @Path("/{id}/cancel")
    @PermissionsAllowed(AccessPolicy.DRAFT_WARNINGS)
    @APIResponse(responseCode = "200", description = "The draft dropped, or the blue or yellow warning lifted with a "
            + "CAP Cancel", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WarningView.class)))
    @APIResponse(responseCode = "202", description = "Lifting the orange or red warning waits for a second commander "
            + "(pendingChange, kind CANCEL); it stays in force and nothing is issued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarningView.class)))
    public Uni<Response> cancel(@PathParam("id") UUID id,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull Cancellation cancellation) {
        Caller caller = Caller.of(identity);
        // once, not respond: the status (200 or 202) depends on the outcome, and a retry replays it as first given.
        return requests.once(idempotencyKey, cancellation, () -> warnings.cancel(id, cancellation.reason().strip(),
                        caller.name(), caller.scope(), mayIssue()).flatMap(WarningResource::view)
                        .map(view -> new Replay(waits(view) ? 202 : 200, null, requests.json(view))))
                .map(Replay::toResponse);
    }

    /** A page of warnings, and the {@code after} of the next page (null on the last). */
    public record WarningPage(List<WarningView> warnings, String next) {
    }

    /**
     * Warnings in a status (default ACTIVE), most recently changed first, in pages of {@code limit} (default 100, at
     * most 500) from after the cursor {@code after}: follow {@code next} until it is null. An area finds the warnings
     * that reach it (targeting it or an area above it) and those targeting places inside it.
     */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<WarningPage> list(
            @QueryParam("status") String status,
            @QueryParam("areaCode") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String areaCode,
            @QueryParam("level") String level,
            @QueryParam("hazard") String hazard,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        Warning.Status wanted = status == null ? Warning.Status.ACTIVE
                : QueryParams.oneOf("status", status, Warning.Status.class);
        Caller caller = Caller.of(identity);
        // A duty officer reads the warnings reaching their area, or a place inside it they name.
        String area = caller.area() == null ? areaCode : WarningSearch.officersArea(caller.area(), areaCode);
        WarningSearch search = new WarningSearch(wanted, QueryParams.oneOf("level", level, WarningLevel.class),
                QueryParams.oneOf("hazard", hazard, Hazard.class), area,
                caller.area() == null ? caller.scope() : null);
        int size = QueryParams.whole("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE);
        return search.page(WarningSearch.Cursor.parse(after), size)
                .flatMap(page -> views(page.warnings()).map(views -> new WarningPage(views, page.next())));
    }

    /** The warning in force, any change waiting for approval, and its history: every version, who made it, when. */
    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<WarningView> get(@PathParam("id") UUID id) {
        return visible(id).flatMap(WarningResource::view);
    }

    /** The signed CAP 1.2 XML of the warning's latest message, or of the one named by {@code identifier}. */
    @GET
    @Path("/{id}/cap")
    @Produces("application/xml")
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<String> cap(@PathParam("id") UUID id, @QueryParam("identifier") String identifier) {
        return visible(id).flatMap(warning -> CapMessage.of(id)).map(messages -> messages.stream()
                .filter(m -> identifier == null || m.identifier.equals(identifier))
                .reduce((first, second) -> second)
                .map(m -> m.xml)
                .orElseThrow(() -> new NotFoundException("No CAP message " + (identifier == null
                        ? "has been issued for warning " + id : identifier + " for warning " + id))));
    }

    /**
     * How far the warning got, per area of its targeted tree and overall: terminals targeted, played, failed and
     * pending; the share of each area's population within earshot of a terminal that played it, against what the
     * area's network could reach; its public reach over every channel; and, for an area below the reach target,
     * whether delivery or the network is the cause.
     */
    @GET
    @Path("/{id}/coverage")
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<Coverage> coverage(@PathParam("id") UUID id) {
        return visible(id).flatMap(warning -> Coverage.of(warning, coverage.targets()));
    }

    /**
     * The warning, if the caller may read it: one of another jurisdiction, or for a duty officer one not reaching
     * their area, is answered as unknown (404), as an incident outside one's area is, so that its existence does not
     * leak.
     */
    private Uni<Warning> visible(UUID id) {
        Caller caller = Caller.of(identity);
        return Warning.<Warning>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No warning " + id))
                .invoke(warning -> {
                    if (!warning.readableBy(caller)) {
                        throw new NotFoundException("No warning " + id);
                    }
                });
    }

    /** The request left the issued warning as it was, waiting for a second commander. */
    private static boolean waits(WarningView view) {
        return view.pendingChange() != null && view.status() == Warning.Status.ACTIVE;
    }

    private boolean mayIssue() {
        return AccessPolicy.permissionsOf(identity.getRoles()).contains(AccessPolicy.APPROVE_WARNINGS);
    }

    /** One warning, with its history. */
    static Uni<WarningView> view(Warning warning) {
        return CapMessage.of(warning.id).flatMap(messages -> WarningVersion.of(warning.id)
                .map(versions -> WarningView.of(warning, messages, versions, true)));
    }

    /** A warning in a list: its history only read when a waiting change needs it. */
    private static Uni<WarningView> summary(Warning warning) {
        Uni<List<WarningVersion>> versions = warning.hasPendingChange() ? WarningVersion.of(warning.id)
                : Uni.createFrom().item(List.of());
        return CapMessage.of(warning.id).flatMap(messages -> versions
                .map(found -> WarningView.of(warning, messages, found, false)));
    }

    static Uni<List<WarningView>> views(List<Warning> found) {
        Uni<List<WarningView>> all = Uni.createFrom().item(new ArrayList<>());
        for (Warning warning : found) {
            all = all.flatMap(list -> summary(warning).map(view -> {
                list.add(view);
                return list;
            }));
        }
        return all;
    }
}
