package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.FirstReport;
import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.IncidentReporting;
import cn.jinjiang.emergency.intake.domain.Reporter;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "First reports from town/street duty officers and the command centre")
public class IncidentResource {

    private final IncidentReporting reporting;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentReporting reporting, SecurityIdentity identity) {
        this.reporting = reporting;
        this.identity = identity;
    }

    @POST
    @PermissionsAllowed(AccessPolicy.REPORT_INCIDENTS)
    public Uni<Response> report(@Valid @NotNull FirstReport report, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return reporting.report(report, new Reporter(caller.name(), caller.area())).map(incident -> Response
                .created(uri.getAbsolutePathBuilder().path(incident.id.toString()).build())
                .type(MediaType.APPLICATION_JSON)
                .entity(IncidentView.of(incident))
                .build());
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
