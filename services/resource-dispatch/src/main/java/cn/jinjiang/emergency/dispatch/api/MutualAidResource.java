package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.assignment.MutualAid;
import cn.jinjiang.emergency.dispatch.domain.assignment.MutualAidRequest;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Regional mutual aid for units: the incident's bureau asks another for units of some types, a commander of the
 * lending bureau (or of the prefecture) answers; only an accepted request makes the lender's units assignable to the
 * incident. Every step is an event on dispatch-events (docs/dispatch.md, "Mutual aid").
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

    /** Units asked for: how many of which type. */
    public record Line(@NotNull UnitType type, @Min(1) @Max(50) int count) {
    }

    /**
     * @param lendingJurisdiction the bureau asked (six digits); with two bureaus it may be left out: the other one
     */
    public record Ask(@NotEmpty @Size(max = 10) List<@NotNull @Valid Line> units,
                      @NotBlank @Size(max = 1000) String reason,
                      @NotNull OffsetDateTime answerBy,
                      @Pattern(regexp = "[0-9]{6}", message = "must be a jurisdiction's six digits")
                      String lendingJurisdiction) {
    }

    public record Answer(@NotBlank @Size(max = 1000) String reason) {
    }

    public record MutualAidView(UUID id, UUID incidentId, String requestingJurisdiction, String lendingJurisdiction,
                                List<MutualAidNotice.Line> units, String reason, OffsetDateTime answerBy,
                                MutualAidNotice.Status status, boolean overdue, String requestedBy,
                                OffsetDateTime requestedAt, String answeredBy, OffsetDateTime answeredAt, String note) {

        static MutualAidView of(MutualAidRequest r) {
            return new MutualAidView(r.id, r.incidentId, r.requestingJurisdiction, r.lendingJurisdiction, r.lines(),
                    r.reason, r.answerBy, r.status, r.overdueAt != null, r.requestedBy, r.requestedAt, r.answeredBy,
                    r.answeredAt, r.note);
        }
    }

    /** The requests the caller's bureau asked or was asked (all of them for the prefecture), newest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<List<MutualAidView>> list(@QueryParam("status") String status) {
        MutualAidNotice.Status wanted = QueryParams.oneOf("status", status, MutualAidNotice.Status.class);
        return mutualAid.involving(Caller.of(identity), wanted)
                .map(all -> all.stream().map(MutualAidView::of).toList());
    }

    @GET
    @Path("/{requestId}")
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<MutualAidView> get(@PathParam("requestId") UUID requestId) {
        return mutualAid.visible(requestId, Caller.of(identity)).map(MutualAidView::of);
    }

    /**
     * The lending bureau's commander accepts: its units of the types asked for may be assigned to the incident, up to
     * the counts. Accepting an answered request is 409; retried with the same Idempotency-Key, the first answer.
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
                                 @Valid @NotNull Answer answer) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, answer, 200,
                () -> mutualAid.decline(requestId, answer.reason().strip(), caller).map(MutualAidView::of));
    }

    /** The asking bureau withdraws its request (asked or accepted): no more units are lent for it. */
    @POST
    @Path("/{requestId}/withdraw")
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    public Uni<Response> withdraw(@PathParam("requestId") UUID requestId,
                                  @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                  @Valid @NotNull Answer answer) {
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, answer, 200,
                () -> mutualAid.withdraw(requestId, answer.reason().strip(), caller).map(MutualAidView::of));
    }
}
