package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.transfer.TransferOrder;
import cn.jinjiang.emergency.warning.domain.transfer.TransferSheet;
import cn.jinjiang.emergency.warning.domain.transfer.Transfers;
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
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** 转移 ordered on a warning, and the warning's transfers. */
@Path("/api/warnings/{id}/transfers")
@Tag(name = "Transfers", description = "People moved out of the areas a warning covers, counted area by area")
public class WarningTransfersResource {

    private final Transfers transfers;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public WarningTransfersResource(Transfers transfers, IdempotentRequests requests, SecurityIdentity identity) {
        this.transfers = transfers;
        this.requests = requests;
        this.identity = identity;
    }

    /**
     * Orders people moved out of towns or villages inside the warning's areas by a deadline (201,
     * {@code transfer.ordered}). The warning must be issued and in force (409); an area outside it, unknown, listed
     * twice or with its town also listed is 400 naming it. Retry-safe with an Idempotency-Key.
     */
    @POST
    @PermissionsAllowed(AccessPolicy.ORDER_TRANSFERS)
    public Uni<Response> order(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull TransferOrder order) {
        Caller caller = Caller.of(identity);
        return requests.created(key, order, () -> transfers.order(id, order, caller),
                sheet -> UriBuilder.fromPath("/api/transfers/{id}").build(sheet.id()));
    }

    /** The warning's transfers, oldest first, for whoever may read the warning (a duty officer: one reaching them). */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    public Uni<List<TransferSheet>> list(@PathParam("id") UUID id) {
        return transfers.ofWarning(id, Caller.of(identity));
    }
}
