package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.api.MutualAidRequests.Ask;
import cn.jinjiang.emergency.dispatch.domain.assignment.MutualAid;
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

/** An incident's requests for another bureau's units (the rest of mutual aid: {@link MutualAidResource}). */
@Path("/api/incidents/{id}/mutual-aid")
@Tag(name = "Mutual aid")
public class IncidentMutualAidResource {

    private final MutualAid mutualAid;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentMutualAidResource(MutualAid mutualAid, IdempotentRequests requests, SecurityIdentity identity) {
        this.mutualAid = mutualAid;
        this.requests = requests;
        this.identity = identity;
    }

    /** Asks another bureau for units for the incident (a dispatcher or commander of the incident's bureau). */
    @POST
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    public Uni<Response> ask(@PathParam("id") UUID incidentId,
                             @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                             @Valid @NotNull Ask ask, UriInfo uri) {
        Caller caller = Caller.of(identity);
        MutualAid.Asked asked = new MutualAid.Asked(ask.units().stream()
                .map(line -> new MutualAid.Line(line.type().name(), line.count())).toList(), ask.reason().strip(),
                ask.answerBy(), ask.lendingJurisdiction());
        return requests.created(idempotencyKey, ask, () -> mutualAid.request(incidentId, asked, caller)
                        .map(MutualAidView::of),
                view -> uri.getBaseUriBuilder().path("api/mutual-aid").path(view.id().toString()).build());
    }

    /** The incident's requests, oldest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<List<MutualAidView>> ofIncident(@PathParam("id") UUID incidentId) {
        return mutualAid.of(incidentId).map(all -> all.stream().map(MutualAidView::of).toList());
    }
}
