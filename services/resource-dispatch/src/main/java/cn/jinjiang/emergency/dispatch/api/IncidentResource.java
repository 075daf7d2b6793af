package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "Incidents dispatch knows of, to send rescue units to")
public class IncidentResource {

    private final SecurityIdentity identity;

    public IncidentResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<IncidentSummary> get(@PathParam("id") UUID id) {
        return IncidentProjector.visible(Incident.class, id, Caller.of(identity)).map(IncidentSummary::of);
    }
}
