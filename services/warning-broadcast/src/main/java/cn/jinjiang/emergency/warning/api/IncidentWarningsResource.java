package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.warning.domain.Incident;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/incidents/{id}/warnings")
@Tag(name = "Warnings", description = "Warnings issued for an incident")
public class IncidentWarningsResource {

    /** A warning issued for the incident; none can be issued yet, so the list is empty once the incident is known. */
    public record WarningView(UUID id, String level, String status) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<List<WarningView>> list(@PathParam("id") UUID id) {
        return IncidentProjector.known(Incident.class, id).map(incident -> List.of());
    }
}
