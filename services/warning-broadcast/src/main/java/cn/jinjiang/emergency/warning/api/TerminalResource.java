package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.broadcast.Terminal;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/terminals")
@Tag(name = "Terminals", description = "Loudspeaker terminals of the emergency broadcast")
public class TerminalResource {

    public record TerminalView(String code, String areaCode, String name, int populationServed, double latitude,
                               double longitude, boolean illustrative) {
        /** The county bureau it belongs to (its area code's first six digits). */
        @JsonProperty
        public String jurisdiction() {
            return AreaCodes.jurisdictionOf(areaCode);
        }
    }

    /** The terminals in an area and everything below it (all of them without one). */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_REFERENCE)
    @WithSession
    public Uni<List<TerminalView>> list(
            @QueryParam("area") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String area) {
        Uni<List<Terminal>> found = area == null ? Terminal.listAll(Sort.ascending("code"))
                : Terminal.list("areaCode like ?1 order by code", AreaCodes.prefix(area) + "%");
        return found.map(terminals -> terminals.stream().map(t -> new TerminalView(t.code, t.areaCode, t.name,
                t.populationServed, t.latitude, t.longitude, t.illustrative)).toList());
    }
}
