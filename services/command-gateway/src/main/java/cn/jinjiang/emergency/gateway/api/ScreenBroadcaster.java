package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Sends screen messages to the open {@link IncidentFeed} connections that may see them. */
@ApplicationScoped
public class ScreenBroadcaster {

    /** Set on a duty officer's connection: the area whose incidents (and those of the areas below it) it is shown. */
    static final UserData.TypedKey<String> AREA = UserData.TypedKey.forString("area");
    private static final Logger LOG = Logger.getLogger(ScreenBroadcaster.class);

    private final OpenConnections connections;
    private final ObjectMapper mapper;

    public ScreenBroadcaster(OpenConnections connections, ObjectMapper mapper) {
        this.connections = connections;
        this.mapper = mapper;
    }

    /**
     * Serialises the change once and hands it to every screen that may see it, without waiting for slow screens:
     * each connection writes in the order it is given, and a screen that has gone away gets a fresh snapshot when it
     * reconnects.
     */
    public void push(ScreenMessage change) {
        String json = write(change);
        for (WebSocketConnection connection : connections) {
            if (mayShow(connection, change.incident())) {
                connection.sendText(json).subscribe().with(sent -> { },
                        failure -> LOG.debugf("Screen %s missed a change: %s", connection.id(), failure));
            }
        }
    }

    String write(ScreenMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean mayShow(WebSocketConnection connection, IncidentSummary incident) {
        String area = connection.userData().get(AREA);
        return area == null || AreaCodes.covers(area, incident.areaCode());
    }
}
