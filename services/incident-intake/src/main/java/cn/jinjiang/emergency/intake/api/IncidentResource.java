package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.FirstReport;
import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.IncidentReporting;
import cn.jinjiang.emergency.intake.domain.Reporter;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.idempotency.Replay;
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
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "First reports from town/street duty officers and the command centre")
public class IncidentResource {

    private final IncidentReporting reporting;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentReporting reporting, IdempotentRequests requests, SecurityIdentity identity) {
        this.reporting = reporting;
        this.requests = requests;
        this.identity = identity;
    }

    /** A retry with the same Idempotency-Key and report answers as the first time and reports nothing new. */
    @POST
    @PermissionsAllowed(AccessPolicy.REPORT_INCIDENTS)
    public Uni<Response> report(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull FirstReport report, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return requests.once(caller.name(), idempotencyKey, report, () -> reporting
                        .report(report, new Reporter(caller.name(), caller.area()))
                        .map(incident -> new Replay(201,
                                uri.getAbsolutePathBuilder().path(incident.id.toString()).build().toString(),
                                requests.json(IncidentView.of(incident)))))
                .map(Replay::toResponse);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        // Outside a duty officer's area an incident is answered as unknown, not as forbidden, so that its existence
        // does not leak either.
        Caller caller = Caller.of(identity);
        return Incident.<Incident>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id))
                .invoke(incident -> {
                    if (!caller.mayAccess(incident.areaCode)) {
                        throw new NotFoundException("No incident " + id);
                    }
                })
                .map(IncidentView::of);
    }
}
