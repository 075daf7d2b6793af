package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.unit.Station;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/stations")
@Tag(name = "Stations", description = "Where rescue units are based")
public class StationResource {

    public record StationView(String code, String name, String nameZh, String kind, String areaCode,
                              GeoPoint position, boolean illustrative) {
        /** The county bureau it belongs to (its area code's first six digits). */
        @JsonProperty
        public String jurisdiction() {
            return AreaCodes.jurisdictionOf(areaCode);
        }
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_UNITS)
    @WithSession
    public Uni<List<StationView>> list() {
        return Station.<Station>listAll(Sort.ascending("code")).map(stations -> stations.stream()
                .map(s -> new StationView(s.code, s.name, s.nameZh, s.kind, s.areaCode,
                        new GeoPoint(s.latitude, s.longitude), s.illustrative))
                .toList());
    }
}
