package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.donation.Donation;
import cn.jinjiang.emergency.reserves.domain.donation.DonationLine;
import cn.jinjiang.emergency.reserves.domain.donation.Donations;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/donations")
@Tag(name = "Donations", description = "Donations (捐赠) received into the reserves, and their public account")
public class DonationResource {

    private final Donations donations;
    private final IdempotentRequests requests;
    private final SecurityIdentity identity;

    public DonationResource(Donations donations, IdempotentRequests requests, SecurityIdentity identity) {
        this.donations = donations;
        this.requests = requests;
        this.identity = identity;
    }

    /** The keeper's record, donor included; never served to the public. */
    public record DonationView(UUID id, Donation.DonorKind donorKind, String donorName, String donorContact,
                               UUID warehouseId, String purpose, UUID incidentId, List<Line> items,
                               String receivedBy, OffsetDateTime receivedAt) {

        public record Line(String itemCode, int quantity, UUID lotId) {
        }

        static DonationView of(Donation d, List<DonationLine> lines) {
            return new DonationView(d.id, d.donorKind, d.donorName, d.donorContact, d.warehouseId, d.purpose,
                    d.incidentId, lines.stream().map(l -> new Line(l.itemCode, l.quantity, l.lotId)).toList(),
                    d.receivedBy, d.receivedAt);
        }
    }

    /** Received into the warehouse as lots of source DONATION; a receipt in its ledger. */
    @POST
    @PermissionsAllowed(AccessPolicy.MOVE_STOCK)
    public Uni<Response> record(@HeaderParam(IdempotentRequests.HEADER) String key,
            @Valid @NotNull ReserveRequests.Donate request) {
        String by = Caller.of(identity).name();
        Donation donation = new Donation();
        donation.donorKind = request.donorKind();
        donation.donorName = request.donorName().strip();
        donation.donorContact = request.donorContact();
        donation.warehouseId = request.warehouseId();
        donation.purpose = request.purpose().strip();
        donation.incidentId = request.incidentId();
        donation.receivedBy = by;
        return requests.respond(key, request, 201, () -> donations.record(donation, request.items().stream()
                        .map(item -> new Donations.Given(item.itemCode(), item.quantity(), item.expiresOn())).toList())
                .map(received -> DonationView.of(received.donation(), received.lines())));
    }

    /** The public account: totals by item and by warehouse, how much is still in store; no donor, no free text. */
    @GET
    @Path("/summary")
    @PermissionsAllowed(AccessPolicy.READ_DONATION_SUMMARY)
    @WithSession
    public Uni<Donations.Summary> summary() {
        return Donations.summary();
    }
}
