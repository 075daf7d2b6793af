package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.warning.WarningChanges;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * What waits for a second person on an issued warning: a change (made by {@code PUT /api/warnings/{id}}), whose
 * approval issues the CAP Update, or lifting an orange or red warning (by {@code POST /api/warnings/{id}/cancel}),
 * whose approval issues the CAP Cancel; rejecting either keeps the issued version in force. Its own paths, not
 * {@code .../approve}, so that a retried or late approval of the draft can never issue a change its sender has not
 * seen.
 */
@Path("/api/warnings/{id}/change")
@Tag(name = "Warnings", description = "Changes to and lifting of issued orange and red warnings, approved by a second "
        + "commander")
public class WarningChangeResource {

    private final WarningChanges changes;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public WarningChangeResource(WarningChanges changes, IdempotentRequests requests, SecurityIdentity identity) {
        this.changes = changes;
        this.requests = requests;
        this.identity = identity;
    }

    /**
     * Issues the waiting change as a CAP Update, or the waiting cancellation as a CAP Cancel. Nobody who proposed any
     * part of it may approve it (403); with nothing waiting, 409.
     */
    @POST
    @Path("/approve")
    @PermissionsAllowed(AccessPolicy.APPROVE_WARNINGS)
    @WithSession // the view is read after the change's transaction; this class touches no entity itself
    public Uni<Response> approve(@PathParam("id") UUID id,
                                 @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, null, 200,
                () -> changes.approve(id, caller.name(), caller.scope()).flatMap(WarningResource::view));
    }

    /**
     * Drops the waiting change or cancellation, with a reason (its proposer may withdraw it too); nothing is issued.
     * None: 409.
     */
    @POST
    @Path("/reject")
    @PermissionsAllowed(AccessPolicy.APPROVE_WARNINGS)
    @WithSession // as for approve
    public Uni<Response> reject(@PathParam("id") UUID id,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull WarningResource.Cancellation rejection) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, rejection, 200,
                () -> changes.reject(id, rejection.reason().strip(), caller.name(), caller.scope()).flatMap(WarningResource::view));
    }
}
