package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.warning.domain.acknowledgement.Acknowledgements;
import cn.jinjiang.emergency.warning.domain.acknowledgement.Acknowledgements.Acknowledgement;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** 叫应: a duty officer acknowledges a warning reaching their area; who has, for everyone who may read the warning. */
@Path("/api/warnings/{id}/acknowledgements")
@Tag(name = "Warnings")
public class WarningAcknowledgementResource {

    /** An area's acknowledgement of the warning. */
    public record AcknowledgementView(String areaCode, String acknowledgedBy, OffsetDateTime acknowledgedAt) {
        static AcknowledgementView of(Acknowledgement a) {
            return new AcknowledgementView(a.areaCode(), a.by(), a.at());
        }
    }

    private final Acknowledgements acknowledgements;
    private final SecurityIdentity identity;

    public WarningAcknowledgementResource(Acknowledgements acknowledgements, SecurityIdentity identity) {
        this.acknowledgements = acknowledgements;
        this.identity = identity;
    }

    /**
     * The officer's area acknowledges the warning: 201 the first time (warning.acknowledged), 200 with that first
     * acknowledgement after. A warning not reaching the officer's area is 404; one no longer in force, 409.
     */
    @POST
    @PermissionsAllowed(AccessPolicy.ACKNOWLEDGE_WARNINGS)
    @WithTransaction
    public Uni<Response> acknowledge(@PathParam("id") UUID id) {
        return acknowledgements.acknowledge(id, Caller.of(identity)).map(a -> Response
                .status(a.made() ? Response.Status.CREATED : Response.Status.OK)
                .entity(AcknowledgementView.of(a)).build());
    }

    /** The warning's acknowledgements, oldest first. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_WARNINGS)
    @WithSession
    public Uni<List<AcknowledgementView>> list(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return Warning.<Warning>findById(id).flatMap(warning -> {
            if (warning == null || !warning.readableBy(caller)) {
                return Uni.createFrom().failure(new NotFoundException("No warning " + id));
            }
            return acknowledgements.of(id);
        }).map(all -> all.stream().map(AcknowledgementView::of).toList());
    }
}
