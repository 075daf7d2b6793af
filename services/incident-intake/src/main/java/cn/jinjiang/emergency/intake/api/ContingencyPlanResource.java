package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.contingency.ContingencyPlans;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/contingency-plans")
@Tag(name = "Contingency plans", description = "应急预案 per bureau, incident type and response level, with their tasks")
public class ContingencyPlanResource {

    /** The bureaus here, as their plans are kept. */
    private static final List<String> BUREAUS = List.of("350502", "350582");

    private final ContingencyPlans plans;
    private final SecurityIdentity identity;

    public ContingencyPlanResource(ContingencyPlans plans, SecurityIdentity identity) {
        this.plans = plans;
        this.identity = identity;
    }

    /**
     * The plans in force (each one's latest version) with their tasks, of the caller's bureau (the prefecture's staff:
     * both, or the {@code jurisdiction} asked for), optionally of one incident type and level.
     */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_REFERENCE)
    public Uni<List<ContingencyPlans.Plan>> list(
            @QueryParam("jurisdiction") @Pattern(regexp = "[0-9]{6}", message = "must be a bureau's six digits")
            String jurisdiction,
            @QueryParam("type") String type, @QueryParam("level") String level) {
        return plans.list(bureau(jurisdiction), QueryParams.oneOf("type", type, IncidentType.class),
                QueryParams.oneOf("level", level, Grade.class));
    }

    /** Per bureau, which incident type and level pairs have a plan; the target is every pair. */
    @GET
    @Path("/coverage")
    @PermissionsAllowed(AccessPolicy.READ_REFERENCE)
    public Uni<List<ContingencyPlans.Coverage>> coverage() {
        String own = bureau(null);
        return plans.coverage(own == null ? BUREAUS : List.of(own));
    }

    /** The caller's own bureau; another one asked for is 403, naming it. */
    private String bureau(String asked) {
        Caller caller = Caller.of(identity);
        String own = caller.area() != null ? AreaCodes.jurisdictionOf(caller.area())
                : AreaCodes.isCounty(caller.jurisdiction()) ? caller.jurisdiction() : null;
        if (asked != null && own != null && !own.equals(asked)) {
            throw new ForbiddenException("jurisdiction " + asked + " is not the caller's, " + own);
        }
        return asked != null ? asked : own;
    }
}
