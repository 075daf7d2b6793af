package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.area.Area;
import cn.jinjiang.emergency.intake.domain.area.AreaDirectory;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/areas")
@Tag(name = "Areas", description = "Administrative areas (市/区 → 镇/街道 → 村/社区) with their population")
public class AreaResource {

    private final AreaDirectory areas;

    public AreaResource(AreaDirectory areas) {
        this.areas = areas;
    }

    public record AreaView(String code, String name, String nameZh, Area.Level level, String parentCode,
                           int population) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_REFERENCE)
    @WithSession
    public Uni<List<AreaView>> list() {
        return areas.all().map(areas -> areas.stream()
                .map(a -> new AreaView(a.code, a.name, a.nameZh, a.level, a.parentCode, a.population))
                .toList());
    }
}
