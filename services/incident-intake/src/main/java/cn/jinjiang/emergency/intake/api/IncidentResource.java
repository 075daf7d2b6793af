package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import cn.jinjiang.emergency.intake.domain.deadline.ReportDeadline;
import cn.jinjiang.emergency.intake.domain.duplicate.PossibleDuplicate;
import cn.jinjiang.emergency.intake.domain.report.Decision;
import cn.jinjiang.emergency.intake.domain.report.FirstReport;
import cn.jinjiang.emergency.intake.domain.report.IncidentReporting;
import cn.jinjiang.emergency.intake.domain.report.IncidentSearch;
import cn.jinjiang.emergency.intake.domain.report.Merging;
import cn.jinjiang.emergency.intake.domain.report.Reopening;
import cn.jinjiang.emergency.intake.domain.report.Reporter;
import cn.jinjiang.emergency.intake.domain.report.ResponseLevelDecision;
import cn.jinjiang.emergency.intake.domain.report.SubsequentReport;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/incidents")
@Tag(name = "Incidents", description = "The report chain (first, follow-up, final), grades and commanders' decisions")
public class IncidentResource {

    private final IncidentReporting reporting;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentReporting reporting, IdempotentRequests requests, SecurityIdentity identity) {
        this.reporting = reporting;
        this.requests = requests;
        this.identity = identity;
    }

    /** A page of incidents, newest first. */
    public record IncidentPage(List<IncidentView> items, int page, int size, long total) {
    }

    /** A page of an incident's report chain, by sequence. */
    public record ReportPage(List<IncidentView.ReportView> items, int page, int size, long total) {
    }

    /** A retry with the same Idempotency-Key and report answers as the first time and reports nothing new. */
    @POST
    @PermissionsAllowed(AccessPolicy.REPORT_INCIDENTS)
    public Uni<Response> report(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull FirstReport report, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return requests.created(idempotencyKey, report, () -> reporting
                        .report(report, new Reporter(caller.name(), caller.scope()))
                        .map(taken -> IncidentView.of(taken.incident(), List.of(taken.report()), List.of(),
                                taken.owed(), taken.possibleDuplicates(), caller)),
                view -> uri.getAbsolutePathBuilder().path(view.id().toString()).build());
    }

    /**
     * A follow-up (续报) or final report (终报). A final report closes the incident; after it a further report is 409
     * until a commander re-opens the incident. Retries are safe with an Idempotency-Key, as for a first report.
     */
    @POST
    @Path("/{id}/reports")
    @PermissionsAllowed(AccessPolicy.REPORT_INCIDENTS)
    public Uni<Response> fileReport(@PathParam("id") UUID id,
                                    @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                    @Valid @NotNull SubsequentReport report, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return requests.created(idempotencyKey, report, () -> reporting
                        .file(id, report, new Reporter(caller.name(), caller.scope()))
                        .flatMap(this::withChain),
                view -> uri.getBaseUriBuilder().path("api/incidents").path(id.toString()).build());
    }

    /** A commander sets the response level (分级响应) with a reason, or clears it with {@code "level": null}. */
    @PUT
    @Path("/{id}/response-level")
    @PermissionsAllowed(AccessPolicy.DECIDE_INCIDENTS)
    @WithTransaction
    public Uni<IncidentView> decideResponseLevel(@PathParam("id") UUID id,
                                                 @Valid @NotNull ResponseLevelDecision decision) {
        return reporting.decideResponseLevel(id, decision, Caller.of(identity).name()).flatMap(this::withChain);
    }

    /**
     * A commander re-opens a closed incident, with a reason, so that follow-ups are accepted again. With an
     * Idempotency-Key, a retry answers as the first time instead of 409.
     */
    @POST
    @Path("/{id}/reopen")
    @PermissionsAllowed(AccessPolicy.DECIDE_INCIDENTS)
    public Uni<Response> reopen(@PathParam("id") UUID id,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                @Valid @NotNull Reopening reopening) {
        String commander = Caller.of(identity).name();
        return requests.respond(idempotencyKey, reopening, 200,
                () -> reporting.reopen(id, reopening, commander).flatMap(this::withChain));
    }

    /**
     * A commander merges this incident, a duplicate, into another ({@code into}) with a reason: its reports move to
     * the end of the other's chain and it takes no more reports. Answers with the incident merged into; with an
     * Idempotency-Key, a retry answers as the first time instead of 409.
     */
    @POST
    @Path("/{id}/merge")
    @PermissionsAllowed(AccessPolicy.DECIDE_INCIDENTS)
    public Uni<Response> merge(@PathParam("id") UUID id,
                               @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                               @Valid @NotNull Merging merging) {
        String commander = Caller.of(identity).name();
        return requests.respond(idempotencyKey, merging, 200,
                () -> reporting.merge(id, merging, commander).flatMap(this::withChain));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        // Outside a duty officer's area an incident is answered as unknown, not as forbidden, so that its existence
        // does not leak either.
        Caller caller = Caller.of(identity);
        return Incident.<Incident>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id))
                .invoke(incident -> {
                    if (!caller.mayAccess(incident.areaCode)) {
                        throw new NotFoundException("No incident " + id);
                    }
                })
                .flatMap(this::withChain);
    }

    /**
     * The incident's report chain a page at a time, by sequence: the whole chain is read here, from its owner, since
     * the live picture carries only the newest reports and a busy incident's chain runs to thousands. The area rule is
     * that of {@link #get}.
     */
    @GET
    @Path("/{id}/reports")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<ReportPage> reports(@PathParam("id") UUID id, UriInfo uri) {
        // Read from the query as written: JAX-RS answers a number it cannot convert with 404, and takes an empty
        // value for an absent one, where either is a 400 naming the parameter.
        var query = uri.getQueryParameters();
        int pageNumber = QueryParams.whole("page", query.getFirst("page"), 0, 0, 100_000);
        int pageSize = QueryParams.whole("size", query.getFirst("size"), 20, 1, 100);
        Caller caller = Caller.of(identity);
        return Incident.<Incident>findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("No incident " + id))
                .invoke(incident -> {
                    if (!caller.mayAccess(incident.areaCode)) {
                        throw new NotFoundException("No incident " + id);
                    }
                })
                .flatMap(incident -> Report.countOf(id).flatMap(total -> Report.pageOf(id, pageNumber, pageSize)
                        .map(reports -> new ReportPage(reports.stream().map(IncidentView.ReportView::of).toList(),
                                pageNumber, pageSize, total))));
    }

    /**
     * Incidents newest first (by occurrence). An area includes everything below it (a town its villages); a duty
     * officer only ever sees their own area and below, whatever the filter asks for.
     */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    @WithSession
    public Uni<IncidentPage> list(
            @QueryParam("areaCode") @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String areaCode,
            @QueryParam("status") String status,
            @QueryParam("grade") String grade,
            @QueryParam("type") String type,
            @QueryParam("occurredFrom") String occurredFrom,
            @QueryParam("occurredTo") String occurredTo,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        // Parsed here rather than by JAX-RS, which answers an unconvertible query parameter with 404.
        IncidentSearch search = new IncidentSearch(Caller.of(identity).scope(), areaCode,
                QueryParams.oneOf("status", status, Incident.Status.class),
                QueryParams.oneOf("grade", grade, Grade.class),
                QueryParams.oneOf("type", type, IncidentType.class),
                QueryParams.instant("occurredFrom", occurredFrom), QueryParams.instant("occurredTo", occurredTo));
        return search.page(page, size).map(found -> new IncidentPage(
                found.items().stream().map(IncidentView::summary).toList(), page, size, found.total()));
    }

    private Uni<IncidentView> withChain(Incident incident) {
        Caller caller = Caller.of(identity);
        return Report.chainOf(incident.id).flatMap(reports -> Decision.of(incident.id)
                .flatMap(decisions -> ReportDeadline.pendingFor(incident.id)
                        .flatMap(pending -> PossibleDuplicate.of(incident.id)
                                .map(links -> IncidentView.of(incident, reports, decisions, pending, links,
                                        caller)))));
    }
}
