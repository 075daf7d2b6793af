package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.assignment.Assignment;
import cn.jinjiang.emergency.dispatch.domain.assignment.Dispatching;
import cn.jinjiang.emergency.dispatch.domain.assignment.Incident;
import cn.jinjiang.emergency.dispatch.domain.assignment.PlanStatus;
import cn.jinjiang.emergency.dispatch.domain.assignment.Recommending;
import cn.jinjiang.emergency.dispatch.domain.assignment.ResponsePlans;
import cn.jinjiang.emergency.dispatch.domain.index.Candidate;
import cn.jinjiang.emergency.dispatch.domain.unit.UnitStatusChange;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "Incidents as dispatch sees them: their plan, recommended and assigned units")
public class IncidentResource {

    private final Dispatching dispatching;
    private final ResponsePlans plans;
    private final Recommending recommending;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentResource(Dispatching dispatching, ResponsePlans plans, Recommending recommending,
            IdempotentRequests requests, SecurityIdentity identity) {
        this.dispatching = dispatching;
        this.plans = plans;
        this.recommending = recommending;
        this.requests = requests;
        this.identity = identity;
    }

    /** The incident with every unit sent to it, open assignments and ended ones, each with its timeline. */
    public record DispatchView(@JsonUnwrapped IncidentSummary incident, List<AssignmentView> assignments) {
    }

    public record PlanView(UUID incidentId, IncidentType incidentType, Grade grade, boolean met,
                           List<PlanStatus.Line> lines) {
        static PlanView of(UUID incidentId, PlanStatus plan) {
            return new PlanView(incidentId, plan.incidentType(), plan.grade(), plan.isMet(), plan.lines());
        }
    }

    public record RecommendationView(UUID incidentId, Grade grade, List<Line> lines) {

        public record Line(Capability capability, int wanted, int unfilled, List<Offered> units) {
        }

        public record Offered(UUID id, String callSign, UnitType type, Set<Capability> capabilities,
                              GeoPoint position, double distanceKm, double etaMinutes) {
            static Offered of(Candidate candidate) {
                return new Offered(candidate.unit().id(), candidate.unit().callSign(), candidate.unit().type(),
                        candidate.unit().capabilities(), candidate.unit().position(),
                        Math.round(candidate.km() * 100) / 100.0, Math.round(candidate.etaMinutes() * 10) / 10.0);
            }
        }
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<DispatchView> get(@PathParam("id") UUID id) {
        return IncidentProjector.visible(Incident.class, id, Caller.of(identity)).flatMap(this::view);
    }

    /** What the run card for the incident's type and grade asks for, what is assigned and what is missing. */
    @GET
    @Path("/{id}/plan")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<PlanView> plan(@PathParam("id") UUID id) {
        return IncidentProjector.visible(Incident.class, id, Caller.of(identity))
                .flatMap(incident -> plans.statusOf(incident).map(plan -> PlanView.of(id, plan)));
    }

    /**
     * Available units that would arrive first: for what the plan is missing, or, with {@code capability} (and
     * {@code count}, default 1), for that alone. Helicopters only within their radius and response time.
     */
    @GET
    @Path("/{id}/recommendations")
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    @WithSession
    public Uni<RecommendationView> recommendations(@PathParam("id") UUID id,
                                                   @QueryParam("capability") String capability,
                                                   @QueryParam("count") @Min(1) @Max(100) Integer count) {
        Capability wanted = QueryParams.oneOf("capability", capability, Capability.class);
        if (wanted == null && count != null) {
            throw new InvalidFieldException("count", "is only taken with capability");
        }
        return Incident.<Incident>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id + " is known here"))
                .flatMap(incident -> (wanted != null
                        ? recommending.forCapability(incident, wanted, count == null ? 1 : count)
                        : plans.statusOf(incident).flatMap(plan -> recommending.forShortfall(incident, plan)))
                        .map(offered -> new RecommendationView(id, incident.grade, offered.stream()
                                .map(r -> new RecommendationView.Line(r.capability(), r.wanted(), r.unfilled(),
                                        r.units().stream().map(RecommendationView.Offered::of).toList()))
                                .toList())));
    }

    /**
     * Sends units to the incident: all of them, or none if any is no longer AVAILABLE (409 naming it). Two
     * dispatchers racing for one unit: one gets it, the other 409. Retry-safe with an Idempotency-Key.
     */
    @POST
    @Path("/{id}/assignments")
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    public Uni<Response> assign(@PathParam("id") UUID id,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull DispatchRequests.Assign request) {
        String dispatcher = Caller.of(identity).name();
        return requests.respond(idempotencyKey, request, 201, () -> dispatching
                .assign(id, request.unitIds(), dispatcher)
                .map(booked -> booked.stream().map(b -> AssignmentView.of(b.assignment(), b.unit(), b.etaMinutes(),
                        List.of())).toList()));
    }

    /** Takes the unit off the incident, with a reason: home if it had not left yet, otherwise on its way back. */
    @POST
    @Path("/{id}/assignments/{unitId}/release")
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    public Uni<Response> release(@PathParam("id") UUID id, @PathParam("unitId") UUID unitId,
                                 @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                 @Valid @NotNull DispatchRequests.Release request) {
        String dispatcher = Caller.of(identity).name();
        return requests.respond(idempotencyKey, request, 200, () -> dispatching
                .release(id, unitId, request.reason().strip(), dispatcher).map(UnitView::of));
    }

    /** Sends the unit straight on to another incident, with a reason. */
    @POST
    @Path("/{id}/assignments/{unitId}/reassign")
    @PermissionsAllowed(AccessPolicy.DISPATCH_UNITS)
    public Uni<Response> reassign(@PathParam("id") UUID id, @PathParam("unitId") UUID unitId,
                                  @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                  @Valid @NotNull DispatchRequests.Reassign request) {
        String dispatcher = Caller.of(identity).name();
        return requests.respond(idempotencyKey, request, 200, () -> dispatching
                .reassign(id, unitId, request.toIncidentId(), request.reason().strip(), dispatcher)
                .map(b -> AssignmentView.of(b.assignment(), b.unit(), b.etaMinutes(), List.of())));
    }

    private Uni<DispatchView> view(Incident incident) {
        return Assignment.of(incident.id).flatMap(assignments -> ResponsePlans.unitsOf(assignments)
                .flatMap(units -> UnitStatusChange.during(incident.id, units.keySet())
                        .map(changes -> new DispatchView(IncidentSummary.of(incident), assignments.stream()
                                .map(a -> AssignmentView.of(a, units.get(a.unitId), null, changes)).toList()))));
    }
}
