package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.transfer.ProgressReport;
import cn.jinjiang.emergency.warning.domain.transfer.TransferProgressReports;
import cn.jinjiang.emergency.warning.domain.transfer.TransferSheet;
import cn.jinjiang.emergency.warning.domain.transfer.Transfers;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** A transfer: where it stands per area, town and in total; the duty officers' counts; its closing. */
@Path("/api/transfers/{id}")
@Tag(name = "Transfers")
public class TransferResource {

    public record Closing(@NotBlank @Size(max = 2000) String reason) {
    }

    private final Transfers transfers;
    private final TransferProgressReports reports;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public TransferResource(Transfers transfers, TransferProgressReports reports, IdempotentRequests requests,
            SecurityIdentity identity) {
        this.transfers = transfers;
        this.reports = reports;
        this.identity = identity;
        this.requests = requests;
    }

    /** Per area, per town (street) and in total: planned, moved, remaining, refused, the vulnerable apart. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    public Uni<TransferSheet> get(@PathParam("id") UUID id) {
        return transfers.get(id, Caller.of(identity));
    }

    /**
     * An area's count so far (200, {@code transfer.progress-reported}): by its duty officer (their own area and below;
     * 403 elsewhere) or the command centre. moved + remaining + refused must equal the area's planned number unless a
     * reason (a recount) is given; negative counts are 400 naming the field. A closed transfer, or one whose warning
     * ended, is 409.
     */
    @POST
    @Path("/progress")
    @PermissionsAllowed(AccessPolicy.REPORT_TRANSFERS)
    public Uni<Response> progress(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ProgressReport report) {
        Caller caller = Caller.of(identity);
        return requests.respond(key, report, 200, () -> reports.report(id, report, caller));
    }

    /** Ends the transfer (200, {@code transfer.closed}); its shelters stay open. A closed one is 409. */
    @POST
    @Path("/close")
    @PermissionsAllowed(AccessPolicy.ORDER_TRANSFERS)
    public Uni<Response> close(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull Closing closing) {
        Caller caller = Caller.of(identity);
        return requests.respond(key, closing, 200, () -> transfers.close(id, closing.reason().strip(), caller));
    }
}
