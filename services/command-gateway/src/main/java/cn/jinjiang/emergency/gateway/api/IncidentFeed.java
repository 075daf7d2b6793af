package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * Live incident feed for command-centre screens: a snapshot on connect, then every change as it is committed. The
 * HTTP upgrade needs a valid token of a role that may see incidents; a duty officer sees only their own area.
 */
@WebSocket(path = "/ws/incidents")
@RolesAllowed({Roles.VIEWER, Roles.DUTY_OFFICER, Roles.DISPATCHER, Roles.COMMANDER, Roles.WAREHOUSE_KEEPER,
        Roles.ADMIN})
public class IncidentFeed {

    private static final int SNAPSHOT_SIZE = 500;

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ScreenBroadcaster broadcaster;

    public IncidentFeed(SecurityIdentity identity, JsonWebToken token, ScreenBroadcaster broadcaster) {
        this.identity = identity;
        this.token = token;
        this.broadcaster = broadcaster;
    }

    @OnOpen
    public Uni<String> open(WebSocketConnection connection) {
        boolean commandCentre = identity.hasRole(Roles.DISPATCHER) || identity.hasRole(Roles.COMMANDER)
                || identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.VIEWER);
        String area = commandCentre ? null : token.getClaim(Roles.AREA_CLAIM);
        if (identity.hasRole(Roles.DUTY_OFFICER) && !commandCentre && area == null) {
            throw new ForbiddenException("A duty officer's token must name their area");
        }
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
                : Incident.<Incident>find("areaCode = ?1 order by reportedAt desc", area).page(0, SNAPSHOT_SIZE).list();
    }
}
