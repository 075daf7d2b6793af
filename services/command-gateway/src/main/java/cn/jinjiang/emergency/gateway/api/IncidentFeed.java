package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.domain.Incident;
import cn.jinjiang.emergency.shared.projection.IncidentSummary;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.shared.security.PolicyAugmentor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Live incident feed for command-centre screens: a snapshot on connect, then every change as it is committed. The
 * upgrade needs a token holding {@link AccessPolicy#READ_INCIDENTS}; a duty officer sees their area and the areas
 * below it. The connection ends with the token ({@link ScreenSessions#TOKEN_EXPIRED}) unless the screen sends
 * {@code {"renew": "<fresh token>"}} on it before then, which keeps its place in the stream.
 */
@WebSocket(path = "/ws/incidents")
@PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
public class IncidentFeed {

    private static final int SNAPSHOT_SIZE = 500;
    /** Close code for a message the feed does not take: it only takes renewals, as JSON text. */
    static final int UNSUPPORTED_DATA = 1003;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    private static final Logger LOG = Logger.getLogger(IncidentFeed.class);
    private static final UserData.TypedKey<String> SUBJECT = UserData.TypedKey.forString("subject");

    private final SecurityIdentity identity;
    private final ScreenBroadcaster broadcaster;
    private final ScreenSessions sessions;
    private final JWTParser tokens;
    private final PolicyAugmentor policy;
    private final ObjectMapper mapper;

    public IncidentFeed(SecurityIdentity identity, ScreenBroadcaster broadcaster, ScreenSessions sessions,
                        JWTParser tokens, PolicyAugmentor policy, ObjectMapper mapper) {
        this.identity = identity;
        this.broadcaster = broadcaster;
        this.sessions = sessions;
        this.tokens = tokens;
        this.policy = policy;
        this.mapper = mapper;
    }

    @OnOpen
    public Uni<String> open(WebSocketConnection connection) {
        String area = Caller.of(identity).area();
        if (area != null) {
            connection.userData().put(ScreenBroadcaster.AREA, area);
        }
        connection.userData().put(SUBJECT, identity.getPrincipal().getName());
        Instant expiresAt = expiryOf((JsonWebToken) identity.getPrincipal());
        sessions.expireAt(connection, expiresAt);
        return Panache.withSession(() -> snapshot(area))
                .map(incidents -> broadcaster.write(ScreenMessage.snapshot(
                        incidents.stream().map(IncidentSummary::of).toList(), expiresAt)));
    }

    @OnTextMessage
    public Uni<Void> received(String text, WebSocketConnection connection) {
        String renewal = renewalIn(text);
        if (renewal == null) {
            return connection.close(new CloseReason(POLICY_VIOLATION, "only {\"renew\": \"<token>\"} is accepted"));
        }
        String refusal;
        try {
            JsonWebToken token = tokens.parse(renewal);
            refusal = renewalRefusal(token, connection);
            if (refusal == null) {
                Instant expiresAt = expiryOf(token);
                String area = PolicyAugmentor.callerOf(token, token.getGroups()).area();
                if (area != null) {
                    connection.userData().put(ScreenBroadcaster.AREA, area);
                } else {
                    connection.userData().remove(ScreenBroadcaster.AREA);
                }
                sessions.expireAt(connection, expiresAt);
                return connection.sendText(broadcaster.write(ScreenMessage.renewed(expiresAt)));
            }
        } catch (ParseException e) {
            refusal = "the token is not valid";
        }
        // The screen keeps its current token, and with it the connection until that token expires.
        return connection.sendText(broadcaster.write(ScreenMessage.renewalRefused(refusal)));
    }

    @OnBinaryMessage
    public Uni<Void> binary(Buffer data, WebSocketConnection connection) {
        return connection.close(new CloseReason(UNSUPPORTED_DATA, "binary messages are not accepted"));
    }

    /** The server refuses a message over quarkus.websockets-next.server.max-message-size this way. */
    @OnError
    public Uni<Void> failed(IllegalStateException error, WebSocketConnection connection) {
        if (String.valueOf(error.getMessage()).contains("max message size")) {
            return connection.close(new CloseReason(MESSAGE_TOO_BIG, "message too big"));
        }
        LOG.warnf(error, "Screen %s failed", connection.id());
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        sessions.ended(connection);
    }

    private String renewalRefusal(JsonWebToken token, WebSocketConnection connection) {
        String refusal = policy.refusal(token, token.getGroups());
        if (refusal != null) {
            return refusal;
        }
        if (!Objects.equals(token.getName(), connection.userData().get(SUBJECT))) {
            return "a renewal must be for the same user";
        }
        if (!AccessPolicy.permissionsOf(token.getGroups()).contains(AccessPolicy.READ_INCIDENTS)) {
            return "the token does not allow reading incidents";
        }
        return null;
    }

    private String renewalIn(String text) {
        try {
            JsonNode message = mapper.readTree(text);
            JsonNode token = message == null ? null : message.get("renew");
            return token != null && token.isTextual() && message.size() == 1 ? token.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant expiryOf(JsonWebToken token) {
        return Instant.ofEpochSecond(token.getExpirationTime());
    }

    private static Uni<List<Incident>> snapshot(String area) {
        return area == null
                ? Incident.<Incident>find("order by reportedAt desc").page(0, SNAPSHOT_SIZE).list()
                : Incident.<Incident>find("areaCode like ?1 order by reportedAt desc", AreaCodes.prefix(area) + "%")
                .page(0, SNAPSHOT_SIZE).list();
    }
}
