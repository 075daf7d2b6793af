package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.grading.GradingPolicy;
import cn.jinjiang.emergency.intake.domain.grading.IncidentCategory;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/incident-types")
@Tag(name = "Incident types", description = "The closed list of incident types with their categories")
public class IncidentTypeResource {

    private final GradingPolicy policy;

    public IncidentTypeResource(GradingPolicy policy) {
        this.policy = policy;
    }

    public record IncidentTypeView(IncidentType code, IncidentCategory category, String name, String nameZh) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_REFERENCE)
    @WithSession
    public Uni<List<IncidentTypeView>> list() {
        return policy.types().map(types -> types.stream()
                .map(t -> new IncidentTypeView(t.code, t.category, t.name, t.nameZh)).toList());
    }
}
