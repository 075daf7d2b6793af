package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.deadline.TimelinessStatistics;
import cn.jinjiang.emergency.shared.api.ReportingPeriod;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Path("/api/statistics")
@Tag(name = "Statistics", description = "Report timeliness (信息上报及时率) per town and per bureau")
public class StatisticsResource {

    private final TimelinessStatistics statistics;
    private final SecurityIdentity identity;

    public StatisticsResource(TimelinessStatistics statistics, SecurityIdentity identity) {
        this.statistics = statistics;
        this.identity = identity;
    }

    /**
     * Per town and per bureau, the reports that fell due in [from, to) (by their deadline), how many came on time,
     * late or not at all, and the on-time share; a duty officer gets their own area only, a command centre its own
     * bureau. Without from/to: the last 30 days.
     */
    @GET
    @Path("/timeliness")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public Uni<TimelinessStatistics.Report> timeliness(@QueryParam("from") String from, @QueryParam("to") String to) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ReportingPeriod period = ReportingPeriod.of(from, to, now);
        return statistics.between(period.from(), period.to(), Caller.of(identity).scope(), now);
    }
}
