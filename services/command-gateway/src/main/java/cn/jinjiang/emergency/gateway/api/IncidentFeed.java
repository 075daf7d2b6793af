package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Live incident feed for command-centre screens: a snapshot on connect, then every change as it is committed. The
 * HTTP upgrade needs a valid token of a role that may see incidents; a duty officer sees only their own area.
 */
@WebSocket(path = "/ws/incidents")
@PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
public class IncidentFeed {

    private static final int SNAPSHOT_SIZE = 500;

    private final SecurityIdentity identity;
    private final ScreenBroadcaster broadcaster;

    public IncidentFeed(SecurityIdentity identity, ScreenBroadcaster broadcaster) {
        this.identity = identity;
        this.broadcaster = broadcaster;
    }

    @OnOpen
    public Uni<String> open(WebSocketConnection connection) {
        String area = Caller.of(identity).area();
        if (area != null) {
            connection.userData().put(ScreenBroadcaster.AREA, area);
        }
        return Panache.withSession(() -> snapshot(area))
                .map(incidents -> broadcaster.write(ScreenMessage.snapshot(
                        incidents.stream().map(IncidentSummary::of).toList())));
    }

    private static Uni<List<Incident>> snapshot(String area) {
        return area == null
                ? Incident.<Incident>find("order by reportedAt desc").page(0, SNAPSHOT_SIZE).list()
                : Incident.<Incident>find("areaCode like ?1 order by reportedAt desc", AreaCodes.prefix(area) + "%")
                .page(0, SNAPSHOT_SIZE).list();
    }
}
