package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.projection.IncidentProjector;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.warning.Incident;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import cn.jinjiang.emergency.warning.domain.warning.WarningDraft;
import cn.jinjiang.emergency.warning.domain.warning.Warnings;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@Path("/api/incidents/{id}/warnings")
@Tag(name = "Warnings", description = "Warnings drafted from an incident")
public class IncidentWarningsResource {

    private final Warnings warnings;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public IncidentWarningsResource(Warnings warnings, IdempotentRequests requests, SecurityIdentity identity) {
        this.warnings = warnings;
        this.requests = requests;
        this.identity = identity;
    }

    /**
     * What the incident does not already say: the instruction to the public, and anything to differ from the defaults
     * (hazard from the incident type, level from its grade, its area, its title as headline, 24 hours).
     */
    public record FromIncident(
            Hazard hazard,
            WarningLevel level,
            WarningMode mode,
            @Size(max = 200) String headline,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 2000) String instruction,
            @Size(max = 200)
            List<@NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code") String>
            areaCodes,
            OffsetDateTime effectiveAt,
            OffsetDateTime expiresAt) {
    }

    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<List<WarningView>> list(@PathParam("id") UUID id) {
        return IncidentProjector.visible(Incident.class, id, Caller.of(identity))
                .flatMap(incident -> Warning.<Warning>list("incidentId = ?1 order by draftedAt, id", id))
                .flatMap(WarningResource::views);
    }

    @POST
    @PermissionsAllowed(AccessPolicy.DRAFT_WARNINGS)
    public Uni<Response> draft(@PathParam("id") UUID id,
                               @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                               @Valid @NotNull FromIncident request, UriInfo uri) {
        Caller caller = Caller.of(identity);
        return requests.created(idempotencyKey, request, () -> IncidentProjector.visible(Incident.class, id, caller)
                        .flatMap(incident -> warnings.draft(draftOf(incident, request), caller.name(),
                                caller.scope()))
                        .flatMap(WarningResource::view),
                view -> uri.getBaseUriBuilder().path("api/warnings").path(view.id().toString()).build());
    }

    private static WarningDraft draftOf(Incident incident, FromIncident request) {
        Hazard hazard = request.hazard() != null ? request.hazard() : hazardOf(incident);
        return new WarningDraft(hazard, request.level() != null ? request.level() : levelOf(incident.grade),
                request.mode(), request.headline() != null ? request.headline() : incident.title,
                request.description(), request.instruction(),
                request.areaCodes() != null && !request.areaCodes().isEmpty() ? request.areaCodes()
                        : List.of(incident.areaCode),
                request.effectiveAt(), request.expiresAt() != null ? request.expiresAt()
                        : OffsetDateTime.now(ZoneOffset.UTC).plusHours(24), incident.id);
    }

    private static Hazard hazardOf(Incident incident) {
        return switch (incident.type) {
            case TYPHOON -> Hazard.TYPHOON;
            case RAINSTORM_FLOOD, WATERLOGGING -> Hazard.RAINSTORM;
            case EARTHQUAKE -> Hazard.EARTHQUAKE;
            case GEOLOGICAL_HAZARD -> Hazard.GEOLOGICAL_HAZARD;
            case FOREST_FIRE -> Hazard.FOREST_FIRE;
            case DROUGHT -> Hazard.DROUGHT;
            case FIRE -> Hazard.CITY_FIRE;
            case GAS_LEAK -> Hazard.CITY_GAS;
            default -> throw new InvalidFieldException("hazard", "a " + incident.type
                    + " incident has no warning hazard of its own; name one");
        };
    }

    /** The plans pair grades and warning colours one to one: I red … IV blue. */
    private static WarningLevel levelOf(Grade grade) {
        return switch (grade) {
            case I -> WarningLevel.RED;
            case II -> WarningLevel.ORANGE;
            case III -> WarningLevel.YELLOW;
            case IV -> WarningLevel.BLUE;
        };
    }
}
