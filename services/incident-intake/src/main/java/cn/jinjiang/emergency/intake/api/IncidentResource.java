package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.FirstReport;
import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.IncidentReporting;
import cn.jinjiang.emergency.intake.domain.Reporter;
import cn.jinjiang.emergency.shared.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "First reports from town/street duty officers and the command centre")
public class IncidentResource {

    private final IncidentReporting reporting;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public IncidentResource(IncidentReporting reporting, SecurityIdentity identity, JsonWebToken token) {
        this.reporting = reporting;
        this.identity = identity;
        this.token = token;
    }

    @POST
    @RolesAllowed({Roles.DUTY_OFFICER, Roles.DISPATCHER, Roles.COMMANDER})
    public Uni<Response> report(@Valid @NotNull FirstReport report, UriInfo uri) {
        return reporting.report(report, reporter()).map(incident -> Response
                .created(uri.getAbsolutePathBuilder().path(incident.id.toString()).build())
                .type(MediaType.APPLICATION_JSON)
                .entity(IncidentView.of(incident))
                .build());
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @WithSession
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        // A duty officer sees only their own area's incidents; others' are answered as unknown, not as forbidden,
        // so their existence does not leak either.
        String officerArea = isCommandCentre() ? null : token.getClaim(Roles.AREA_CLAIM);
        boolean dutyOfficerOnly = identity.hasRole(Roles.DUTY_OFFICER) && !isCommandCentre();
        return Incident.<Incident>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id))
                .invoke(incident -> {
                    if (dutyOfficerOnly && !incident.areaCode.equals(officerArea)) {
                        throw new NotFoundException("No incident " + id);
                    }
                })
                .map(IncidentView::of);
    }

    private boolean isCommandCentre() {
        return identity.hasRole(Roles.DISPATCHER) || identity.hasRole(Roles.COMMANDER)
                || identity.hasRole(Roles.VIEWER) || identity.hasRole(Roles.ADMIN);
    }

    private Reporter reporter() {
        boolean commandCentre = identity.hasRole(Roles.DISPATCHER) || identity.hasRole(Roles.COMMANDER);
        String area = token.getClaim(Roles.AREA_CLAIM);
        if (!commandCentre && area == null) {
            throw new io.quarkus.security.ForbiddenException("A duty officer's token must name their area");
        }
        return new Reporter(identity.getPrincipal().getName(), commandCentre ? null : area);
    }
}
