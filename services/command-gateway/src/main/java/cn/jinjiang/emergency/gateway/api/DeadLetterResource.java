package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.shared.inbox.DeadLetterDepths;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * How many dead letters wait in each dead-letter topic, for the operator page: a record there is an event some
 * consumer never applied, so the people who watch the picture must see that it is incomplete. Only counts: what the
 * records are is for {@code deploy/local/dlq.sh list}.
 */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterDepths depths;

    public DeadLetterResource(DeadLetterDepths depths) {
        this.depths = depths;
    }

    /** Every topic's dead letters not replayed yet; {@code depth} and {@code checkedAt} are null until first read. */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public List<DeadLetterDepths.Depth> list() {
        return depths.depths();
    }
}
