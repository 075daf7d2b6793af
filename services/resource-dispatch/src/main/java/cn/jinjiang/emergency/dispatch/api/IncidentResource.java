package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "Incidents dispatch knows of, to send rescue units to")
public class IncidentResource {

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.COMMANDER, Roles.VIEWER, Roles.ADMIN})
    @WithSession
    public Uni<IncidentSummary> get(@PathParam("id") UUID id) {
        return IncidentProjector.known(Incident.class, id).map(IncidentSummary::of);
    }
}
