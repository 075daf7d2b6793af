package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Sends screen messages to the open {@link IncidentFeed} connections that may see them. */
@ApplicationScoped
public class ScreenBroadcaster {

    /** Set on a duty officer's connection: the only area whose incidents it is shown. */
    static final UserData.TypedKey<String> AREA = UserData.TypedKey.forString("area");

    private final OpenConnections connections;
    private final ObjectMapper mapper;

    public ScreenBroadcaster(OpenConnections connections, ObjectMapper mapper) {
        this.connections = connections;
        this.mapper = mapper;
    }

    /** A screen that has gone away is skipped: it gets a fresh snapshot when it reconnects. */
    public Uni<Void> push(ScreenMessage change) {
        String json = write(change);
        List<Uni<Void>> sends = connections.stream()
                .filter(connection -> mayShow(connection, change.incident()))
                .map(connection -> connection.sendText(json).onFailure().recoverWithNull())
                .toList();
        return sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
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
        return area == null || area.equals(incident.areaCode());
    }
}
