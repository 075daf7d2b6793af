package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/incidents/{id}/allocations")
@Tag(name = "Allocations", description = "Materials allocated from the reserves to an incident")
public class IncidentAllocationsResource {

    /** Stock allocated to the incident; nothing is allocated yet, so the list is empty once the incident is known. */
    public record AllocationView(UUID id, String item, int quantity, String warehouse) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_ALLOCATIONS)
    @WithSession
    public Uni<List<AllocationView>> list(@PathParam("id") UUID id) {
        return IncidentProjector.known(Incident.class, id).map(incident -> List.of());
    }
}
