package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.agreement.Agreement;
import cn.jinjiang.emergency.reserves.domain.agreement.AgreementReserves;
import cn.jinjiang.emergency.reserves.domain.agreement.CallOff;
import cn.jinjiang.emergency.shared.contract.events.CallOffNotice;
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

@Path("/api")
@Tag(name = "Agreement reserves", description = "Stock companies hold for the bureau under contract (协议储备), and call-offs")
public class AgreementResource {

    private final AgreementReserves reserves;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public AgreementResource(AgreementReserves reserves, IdempotentRequests requests, SecurityIdentity identity) {
        this.reserves = reserves;
        this.requests = requests;
        this.identity = identity;
    }

    public record AgreementView(UUID id, String code, String company, String contact, String itemCode,
                                int committedQuantity, int calledOff, int remaining, int leadTimeHours,
                                double latitude, double longitude) {
        static AgreementView of(Agreement a) {
            return new AgreementView(a.id, a.code, a.company, a.contact, a.itemCode, a.committedQuantity,
                    a.calledOff, a.remaining(), a.leadTimeHours, a.latitude, a.longitude);
        }
    }

    public record CallOffView(UUID id, UUID agreementId, UUID incidentId, int quantity, CallOffNotice.Status status,
                              java.time.OffsetDateTime dueAt, String calledBy, java.time.OffsetDateTime calledAt,
                              String deliveredBy, java.time.OffsetDateTime deliveredAt) {
        static CallOffView of(CallOff c) {
            return new CallOffView(c.id, c.agreementId, c.incidentId, c.quantity, c.status, c.dueAt, c.calledBy,
                    c.calledAt, c.deliveredBy, c.deliveredAt);
        }
    }

    @GET
    @Path("/agreements")
    @PermissionsAllowed(AccessPolicy.READ_RESERVES)
    @WithSession
    public Uni<List<AgreementView>> agreements(@QueryParam("item") String itemCode) {
        return (itemCode == null ? Agreement.<Agreement>list("order by code")
                : Agreement.<Agreement>list("itemCode = ?1 order by code", itemCode))
                .map(all -> all.stream().map(AgreementView::of).toList());
    }

    @GET
    @Path("/incidents/{id}/call-offs")
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<List<CallOffView>> callOffs(@PathParam("id") UUID incidentId) {
        return CallOff.<CallOff>list("incidentId = ?1 order by calledAt", incidentId)
                .map(all -> all.stream().map(CallOffView::of).toList());
    }

    /** Calls off part of an agreement for an incident; never more than is left of the commitment (409). */
    @POST
    @Path("/agreements/{id}/call-offs")
    @PermissionsAllowed(AccessPolicy.ALLOCATE_MATERIALS)
    public Uni<Response> callOff(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.CallOff request) {
        String by = Caller.of(identity).name();
        return requests.respond(key, request, 201, () -> reserves
                .callOff(id, request.incidentId(), request.quantity(), by).map(called -> CallOffView.of(called.callOff())));
    }

    @POST
    @Path("/call-offs/{id}/delivered")
    @PermissionsAllowed(AccessPolicy.SHIP_MATERIALS)
    public Uni<Response> delivered(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key) {
        String by = Caller.of(identity).name();
        return requests.respond(key, null, 200, () -> reserves.delivered(id, by)
                .map(called -> CallOffView.of(called.callOff())));
    }
}
