package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.api.ReportingPeriod;
import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.broadcast.CoveragePolicy;
import cn.jinjiang.emergency.warning.domain.broadcast.CoverageStatistics;
import cn.jinjiang.emergency.warning.domain.broadcast.NetworkCoverage;
import cn.jinjiang.emergency.warning.domain.warning.WarningSearch;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Path("/api/statistics")
@Tag(name = "Statistics", description = "Warning coverage (预警信息覆盖率) per bureau, and the loudspeaker network's")
public class CoverageStatisticsResource {

    /** Quanzhou's own code: the prefecture's staff see both counties' networks under it. */
    private static final String PREFECTURE = "350500000000";

    private final CoveragePolicy policy;
    private final SecurityIdentity identity;

    public CoverageStatisticsResource(CoveragePolicy policy, SecurityIdentity identity) {
        this.policy = policy;
        this.identity = identity;
    }

    /**
     * Per bureau, the warnings issued in [from, to) (by their approval), how many reached the reach target (92 %) of
     * their areas' population over every channel, and the people reached of those targeted, all warnings together; optionally of one hazard. A
     * command centre counts its own bureau's warnings, the prefecture both; a duty officer those reaching their area
     * (or a place inside it, {@code areaCode}). Without from/to: the last 30 days.
     */
    @GET
    @Path("/coverage")
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<CoverageStatistics.Report> coverage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hazard") String hazard,
            @QueryParam("areaCode") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String areaCode) {
        ReportingPeriod period = ReportingPeriod.of(from, to, OffsetDateTime.now(ZoneOffset.UTC));
        Caller caller = Caller.of(identity);
        String area = caller.area() == null ? areaCode : WarningSearch.officersArea(caller.area(), areaCode);
        WarningSearch search = new WarningSearch(null, null, QueryParams.oneOf("hazard", hazard, Hazard.class), area,
                caller.area() == null ? caller.scope() : null);
        return search.issuedBetween(period.from(), period.to())
                .flatMap(issued -> CoverageStatistics.of(issued, period.from(), period.to(), policy.targets()));
    }

    /**
     * The loudspeaker network's coverage, apart from any warning: for the area (default: the caller's own; the
     * prefecture's staff, both counties) and each area right below it, the share of the population within earshot of
     * a working terminal, against the network target (90 %). An area outside the caller's is 403 naming it.
     */
    @GET
    @Path("/broadcast-coverage")
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<NetworkCoverage.Report> network(@QueryParam("areaCode")
            @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String areaCode) {
        Caller caller = Caller.of(identity);
        String area = areaCode != null ? areaCode : caller.scope() != null ? caller.scope() : PREFECTURE;
        if (!caller.mayAccess(area)) {
            throw new ForbiddenException("areaCode " + area + " is outside the caller's area " + caller.scope());
        }
        return NetworkCoverage.of(area, policy.networkTarget());
    }
}
