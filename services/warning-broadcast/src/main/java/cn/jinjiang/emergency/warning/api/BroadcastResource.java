package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.events.BroadcastAck;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.warning.domain.broadcast.BroadcastAcks;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/broadcast/acks")
@Tag(name = "Broadcast", description = "The broadcast platform's playback reports, per terminal")
public class BroadcastResource {

    private final BroadcastAcks acks;

    public BroadcastResource(BroadcastAcks acks) {
        this.acks = acks;
    }

    /**
     * One report: a loudspeaker terminal's (no channel, or LOUDSPEAKER, with its terminalCode), or another channel's
     * reach in an area (channel, areaCode, and peopleReached where the channel knows it).
     */
    public record Ack(@NotNull UUID warningId, @NotBlank @Size(max = 200) String capIdentifier,
                      BroadcastAck.Channel channel, @Size(min = 1, max = 64) String terminalCode,
                      @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
                      String areaCode,
                      @NotNull BroadcastAck.Outcome outcome, @PositiveOrZero Integer peopleReached,
                      @NotNull OffsetDateTime reportedAt) {
    }

    public record Acks(@NotEmpty @Size(max = 1000) List<@Valid @NotNull Ack> acks) {
    }

    /** How many reports changed something; repeats are accepted and counted once. All or none: one bad report is 400. */
    public record Recorded(int received, int changed) {
    }

    @POST
    @PermissionsAllowed(AccessPolicy.REPORT_BROADCAST)
    @WithTransaction
    public Uni<Recorded> report(@Valid @NotNull Acks request) {
        return Multi.createFrom().iterable(request.acks())
                .onItem().transformToUniAndConcatenate(ack -> acks.record(new BroadcastAck(ack.warningId(),
                        ack.capIdentifier(), ack.channel(), ack.terminalCode(), ack.areaCode(), ack.outcome(),
                        ack.peopleReached(), ack.reportedAt())))
                .collect().asList()
                .map(changed -> new Recorded(changed.size(), (int) changed.stream().filter(c -> c).count()));
    }
}
