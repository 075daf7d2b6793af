package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.api.MutualAidRequests.Ask;
import cn.jinjiang.emergency.reserves.domain.mutualaid.MutualAid;
import cn.jinjiang.emergency.reserves.domain.stock.Catalogue;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** An incident's requests for another bureau's stock (the rest of mutual aid: {@link MutualAidResource}). */
@Path("/api/incidents/{id}/mutual-aid")
@Tag(name = "Mutual aid")
public class IncidentMutualAidResource {

    private final MutualAid mutualAid;
    private final Catalogue catalogue;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentMutualAidResource(MutualAid mutualAid, Catalogue catalogue, IdempotentRequests requests,
                                     SecurityIdentity identity) {
        this.mutualAid = mutualAid;
        this.catalogue = catalogue;
        this.requests = requests;
        this.identity = identity;
    }

    /** Asks another bureau for stock for the incident (a dispatcher or commander of the incident's bureau). */
    @POST
    @PermissionsAllowed(AccessPolicy.ALLOCATE_MATERIALS)
    public Uni<Response> ask(@PathParam("id") UUID incidentId,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                             @Valid @NotNull Ask ask, UriInfo uri) {
        Caller caller = Caller.of(identity);
        MutualAid.Asked asked = new MutualAid.Asked(ask.items().stream()
                .map(line -> new MutualAid.Line(line.itemCode(), line.quantity())).toList(), ask.reason().strip(),
                ask.answerBy(), ask.lendingJurisdiction());
        List<String> codes = ask.items().stream().map(MutualAidRequests.Line::itemCode).toList();
        return catalogue.check(codes, index -> "items[" + index + "].itemCode")
                .chain(() -> requests.created(idempotencyKey, ask, () -> mutualAid.request(incidentId, asked, caller)
                                .map(MutualAidView::of),
                        view -> uri.getBaseUriBuilder().path("api/mutual-aid").path(view.id().toString()).build()));
    }

    /** The incident's requests, oldest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<List<MutualAidView>> ofIncident(@PathParam("id") UUID incidentId) {
        return mutualAid.of(incidentId).map(all -> all.stream().map(MutualAidView::of).toList());
    }
}
