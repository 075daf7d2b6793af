package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.config.ShelterSettings;
import cn.jinjiang.emergency.reserves.domain.shelter.Shelter;
import cn.jinjiang.emergency.reserves.domain.shelter.ShelterOccupancyChange;
import cn.jinjiang.emergency.reserves.domain.shelter.ShelterSearch;
import cn.jinjiang.emergency.reserves.domain.shelter.Sheltering;
import cn.jinjiang.emergency.shared.api.QueryParams;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Path("/api/shelters")
@Tag(name = "Shelters", description = "Disaster-avoidance points and earthquake shelters: the register, opening for an "
        + "incident, occupancy, closing")
public class ShelterResource {

    private static final Pattern NEAR = Pattern.compile(
            "\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*");

    private final Sheltering sheltering;
    private final IdempotentRequests requests;
    private final ShelterSettings settings;
    private final SecurityIdentity identity;

    public ShelterResource(Sheltering sheltering, IdempotentRequests requests, ShelterSettings settings,
            SecurityIdentity identity) {
        this.sheltering = sheltering;
        this.requests = requests;
        this.settings = settings;
        this.identity = identity;
    }

    public record ShelterPage(List<ShelterView> items, int page, int size, long total) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_SHELTERS)
    @WithSession
    @Operation(summary = "List shelters", description = "By code; with near=lat,lon only the shelters that can take "
            + "people now (open with free places, or closed and ready to open), nearest first, with distanceKm. A "
            + "duty officer sees their own area and below.")
    public Uni<ShelterPage> list(
            @QueryParam("area") @Parameter(description = "A 12-digit area code; covers the areas below it")
            String area,
            @QueryParam("kind") @Parameter(description = "DISASTER_AVOIDANCE_POINT or EARTHQUAKE_SHELTER") String kind,
            @QueryParam("status") @Parameter(description = "OPEN or CLOSED") String status,
            @QueryParam("near") @Parameter(description = "latitude,longitude in WGS-84 degrees, e.g. 24.90,118.58")
            String near,
            @QueryParam("page") @Parameter(description = "From 0 (default 0)") String pageParam,
            @QueryParam("size") @Parameter(description = "1 to 500 (default 50)") String sizeParam) {
        // Checked here rather than by bean validation, whose violations on query parameters name no field.
        if (area != null && !AreaCodes.isValid(area)) {
            throw new InvalidFieldException("area", "must be a 12-digit administrative code");
        }
        int page = whole("page", pageParam, 0, 0, 10_000);
        int size = whole("size", sizeParam, 50, 1, 500);
        ShelterSearch search = new ShelterSearch(Caller.of(identity).scope(), area,
                QueryParams.oneOf("kind", kind, ShelterKind.class),
                QueryParams.oneOf("status", status, ShelterNotice.Status.class), point(near));
        return search.page(page, size).map(found -> new ShelterPage(found.items().stream()
                .map(f -> ShelterView.of(f.shelter(), f.distanceKm(), null)).toList(), page, size, found.total()));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(AccessPolicy.READ_SHELTERS)
    @WithSession
    @Operation(summary = "A shelter with its history", description = "Openings, occupancy reports and closings, oldest "
            + "first. Another area's shelter is 404 to a duty officer.")
    public Uni<ShelterView> get(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return Shelter.<Shelter>findById(id)
                .invoke(shelter -> {
                    if (shelter == null || !caller.mayAccess(shelter.areaCode)) {
                        throw new NotFoundException("No shelter " + id);
                    }
                })
                .flatMap(shelter -> ShelterOccupancyChange.historyOf(id, settings.historySize())
                        .map(history -> ShelterView.of(shelter, null, history)));
    }

    @POST
    @Path("/{id}/open")
    @PermissionsAllowed(AccessPolicy.MANAGE_SHELTERS)
    @Operation(summary = "Open a shelter for an incident, a warning or a transfer", description = "One of "
            + "incidentId, warningId, transferId (none or several: 400 naming incidentId). It must be known here "
            + "(unknown: 400 naming it) and open: the incident open, the warning in force, the transfer not closed "
            + "(409 otherwise); an open shelter is 409. Publishes shelter.opened naming it. Retry-safe with an "
            + "Idempotency-Key.")
    public Uni<Response> open(@PathParam("id") UUID id,
                              @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                              @Valid @NotNull ShelterRequests.Open request) {
        String by = Caller.of(identity).name();
        return requests.respond(idempotencyKey, request, 200, () -> sheltering
                .open(id, new Sheltering.OpenFor(request.incidentId(), request.warningId(), request.transferId()),
                        strip(request.note()), by).map(ShelterView::of));
    }

    @POST
    @Path("/{id}/occupancy")
    @PermissionsAllowed(AccessPolicy.REPORT_OCCUPANCY)
    @Operation(summary = "Report people arriving and leaving", description = "Counts since the last report, not the "
            + "total. Above capacity or below zero is 409 and changes nothing; a closed shelter is 409; a duty officer "
            + "reports in their own area only (403). Publishes shelter.occupancy-changed. Retry-safe with an "
            + "Idempotency-Key.")
    public Uni<Response> occupancy(@PathParam("id") UUID id,
                                   @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                                   @Valid @NotNull ShelterRequests.Occupancy request) {
        int arrived = request.arrived() == null ? 0 : request.arrived();
        int left = request.left() == null ? 0 : request.left();
        if (arrived == 0 && left == 0) {
            throw new InvalidFieldException("arrived", "a report needs people arriving or leaving (arrived or left "
                    + "above 0)");
        }
        Caller caller = Caller.of(identity);
        return requests.respond(idempotencyKey, request, 200, () -> sheltering
                .report(id, arrived, left, strip(request.note()), caller).map(ShelterView::of));
    }

    @POST
    @Path("/{id}/close")
    @PermissionsAllowed(AccessPolicy.MANAGE_SHELTERS)
    @Operation(summary = "Close a shelter", description = "Only once everyone has been reported as left (409 "
            + "otherwise); a closed shelter is 409. Publishes shelter.closed. Retry-safe with an Idempotency-Key.")
    public Uni<Response> close(@PathParam("id") UUID id,
                               @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                               @Valid ShelterRequests.Close request) {
        String by = Caller.of(identity).name();
        String note = request == null ? null : strip(request.note());
        return requests.respond(idempotencyKey, request, 200, () -> sheltering
                .close(id, note, by).map(ShelterView::of));
    }

    private static int whole(String name, String value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException(name, "must be a whole number from " + min + " to " + max);
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static GeoPoint point(String near) {
        if (near == null) {
            return null;
        }
        Matcher match = NEAR.matcher(near);
        String must = "must be latitude,longitude in degrees, e.g. 24.90,118.58";
        if (!match.matches()) {
            throw new InvalidFieldException("near", must);
        }
        double latitude = Double.parseDouble(match.group(1));
        double longitude = Double.parseDouble(match.group(2));
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new InvalidFieldException("near", must + " (latitude −90…90, longitude −180…180)");
        }
        return new GeoPoint(latitude, longitude);
    }
}
