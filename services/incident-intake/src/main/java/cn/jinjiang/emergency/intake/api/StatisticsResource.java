package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.deadline.TimelinessStatistics;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Path("/api/statistics")
@Tag(name = "Statistics", description = "Report timeliness (信息上报及时率) per town")
public class StatisticsResource {

    /** A year of deadlines is a few tens of thousands of rows: the longest period one request may ask for. */
    private static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final TimelinessStatistics statistics;
    private final SecurityIdentity identity;

    public StatisticsResource(TimelinessStatistics statistics, SecurityIdentity identity) {
        this.statistics = statistics;
        this.identity = identity;
    }

    /**
     * Per town, the reports that fell due in [from, to) (by their deadline), how many came on time, late or not at
     * all, and the on-time share; a duty officer gets their own area only. Without from/to: the last 30 days.
     */
    @GET
    @Path("/timeliness")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public Uni<TimelinessStatistics.Report> timeliness(@QueryParam("from") String from, @QueryParam("to") String to) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime end = to == null ? now : QueryParams.instant("to", to);
        OffsetDateTime start = from == null ? end.minusDays(30) : QueryParams.instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw new InvalidFieldException("from", "the period may be at most 366 days");
        }
        return statistics.between(start, end, Caller.of(identity).scope(), now);
    }
}
