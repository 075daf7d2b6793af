package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.mutualaid.MutualAid;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Regional mutual aid for stock: the incident's bureau asks another for items, a commander of the lending bureau (or
 * of the prefecture) answers; only an accepted request lets the lender's warehouses supply the incident's allocations.
 * Every step is an event on reserve-events (docs/reserves.md, "Mutual aid").
 */
@Path("/api/mutual-aid")
@Tag(name = "Mutual aid")
public class MutualAidResource {

    private final MutualAid mutualAid;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public MutualAidResource(MutualAid mutualAid, IdempotentRequests requests, SecurityIdentity identity) {
        this.mutualAid = mutualAid;
        this.requests = requests;
        this.identity = identity;
    }

    /** The requests the caller's bureau asked or was asked (all of them for the prefecture), newest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<List<MutualAidView>> list(@QueryParam("status") String status) {
        MutualAidNotice.Status wanted = QueryParams.oneOf("status", status, MutualAidNotice.Status.class);
        return mutualAid.involving(Caller.of(identity), wanted)
                .map(all -> all.stream().map(MutualAidView::of).toList());
    }

    @GET
    @Path("/{requestId}")
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<MutualAidView> get(@PathParam("requestId") UUID requestId) {
        return mutualAid.visible(requestId, Caller.of(identity)).map(MutualAidView::of);
    }

    /**
     * The lending bureau's commander accepts: its warehouses may supply the incident's allocations with the items
     * asked for, up to the quantities. Accepting an answered request is 409; retried with the same Idempotency-Key,
     * the first answer.
     */
    @POST
    @Path("/{requestId}/accept")
    @PermissionsAllowed(AccessPolicy.ANSWER_MUTUAL_AID)
    public Uni<Response> accept(@PathParam("requestId") UUID requestId,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, null, 200,
                () -> mutualAid.accept(requestId, caller).map(MutualAidView::of));
    }

    @POST
    @Path("/{requestId}/decline")
    @PermissionsAllowed(AccessPolicy.ANSWER_MUTUAL_AID)
    public Uni<Response> decline(@PathParam("requestId") UUID requestId,
                                 @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                 @Valid @NotNull ReserveRequests.Reason answer) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, answer, 200,
                () -> mutualAid.decline(requestId, answer.reason().strip(), caller).map(MutualAidView::of));
    }

    /** The asking bureau withdraws its request (asked or accepted): no more stock is lent for it. */
    @POST
    @Path("/{requestId}/withdraw")
    @PermissionsAllowed(AccessPolicy.ALLOCATE_MATERIALS)
    public Uni<Response> withdraw(@PathParam("requestId") UUID requestId,
                                  @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                  @Valid @NotNull ReserveRequests.Reason answer) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, answer, 200,
                () -> mutualAid.withdraw(requestId, answer.reason().strip(), caller).map(MutualAidView::of));
    }
}
