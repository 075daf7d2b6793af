package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import cn.jinjiang.emergency.shared.security.PolicyAugmentor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
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

/**
 * The live picture for command-centre screens ({@code docs/gateway.md} describes the protocol). On connect a screen
 * gets a snapshot stamped with a position, then every change in order, each with its position; with
 * {@code ?from=<position>} (or later {@code {"resume": "<position>"}}) it gets exactly the changes it missed instead.
 * Filters come as query parameters ({@link ScreenFilter}); a duty officer's token bounds them to its area.
 * <p>
 * The upgrade needs {@link AccessPolicy#READ_INCIDENTS}. The connection ends with the token
 * ({@link ScreenSessions#TOKEN_EXPIRED}) unless the screen sends {@code {"renew": "<fresh token>"}} before then.
 */
@WebSocket(path = "/ws/incidents")
@PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
public class IncidentFeed {

    /** Close code for a message the feed does not take: it only takes renewals and resumes, as JSON text. */
    static final int UNSUPPORTED_DATA = 1003;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    private static final Logger LOG = Logger.getLogger(IncidentFeed.class);
    private static final UserData.TypedKey<ScreenHolder> HOLDER = new UserData.TypedKey<>("holder");
    private static final UserData.TypedKey<String> EXPIRES = UserData.TypedKey.forString("expires");

    private final SecurityIdentity identity;
    private final ScreenHub hub;
    private final ScreenSessions sessions;
    private final JWTParser tokens;
    private final PolicyAugmentor policy;
    private final ObjectMapper mapper;
    private final GatewayConfig config;
    private final ScreenCloser closer;

    public IncidentFeed(SecurityIdentity identity, ScreenHub hub, ScreenSessions sessions, JWTParser tokens,
                        PolicyAugmentor policy, ObjectMapper mapper, GatewayConfig config, ScreenCloser closer) {
        this.closer = closer;
        this.identity = identity;
        this.hub = hub;
        this.sessions = sessions;
        this.tokens = tokens;
        this.policy = policy;
        this.mapper = mapper;
        this.config = config;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        ScreenQuery query = ScreenQuery.of(connection.handshakeRequest().query());
        ScreenFilter filter;
        Position from;
        try {
            filter = ScreenFilter.of(Caller.of(identity).scope(), query::get);
            from = query.get("from") == null ? null : ScreenQuery.position(query.get("from"));
        } catch (InvalidFieldException e) {
            // FilterCheck refuses these at the upgrade already; this only guards against the two drifting apart.
            return closer.close(connection, new CloseReason(POLICY_VIOLATION, e.field() + ": " + e.getMessage()));
        }
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        Screen screen = hub.open(connection, filter, userOf(token));
        if (screen == null) {
            return closer.close(connection, new CloseReason(POLICY_VIOLATION,
                    "too many screens open for this user (at most " + hub.maxPerUser() + ")"));
        }
        connection.userData().put(HOLDER, ScreenHolder.of(token));
        Instant expiresAt = expiryOf(token);
        connection.userData().put(EXPIRES, expiresAt.toString());
        sessions.expireAt(connection, expiresAt);
        if (from == null) {
            hub.startWithSnapshot(screen, expiresAt, null);
            return Uni.createFrom().voidItem();
        }
        return hub.resume(screen, from, expiresAt);
    }

    @OnTextMessage
    public Uni<Void> received(String text, WebSocketConnection connection) {
        JsonNode message = jsonIn(text);
        if (message != null && message.size() == 1 && message.path("renew").isTextual()) {
            return renew(message.get("renew").asText(), connection);
        }
        if (message != null && message.size() == 1 && message.path("resume").isTextual()) {
            Screen screen = hub.screen(connection);
            try {
                Position from = ScreenQuery.position(message.get("resume").asText());
                if (screen == null) {
                    return Uni.createFrom().voidItem();
                }
                if (!screen.mayResume()) {
                    return closer.close(connection, new CloseReason(POLICY_VIOLATION,
                            "resumed too often: at most once per " + config.screen().minResumeInterval().toSeconds()
                                    + " s"));
                }
                return hub.resume(screen, from, Instant.parse(connection.userData().get(EXPIRES)));
            } catch (InvalidFieldException e) {
                return closer.close(connection, new CloseReason(POLICY_VIOLATION, "resume: " + e.getMessage()));
            }
        }
        return closer.close(connection, new CloseReason(POLICY_VIOLATION,
                "only {\"renew\": \"<token>\"} or {\"resume\": \"<position>\"} is accepted"));
    }

    private Uni<Void> renew(String renewal, WebSocketConnection connection) {
        String refusal;
        try {
            JsonWebToken token = tokens.parse(renewal);
            refusal = renewalRefusal(token, connection);
            if (refusal == null) {
                // The holder is unchanged (renewalRefusal), so the screen's filter and its area bound stay as opened.
                Instant expiresAt = expiryOf(token);
                connection.userData().put(EXPIRES, expiresAt.toString());
                sessions.expireAt(connection, expiresAt);
                return answer(connection, ScreenMessage.renewed(expiresAt));
            }
        } catch (ParseException e) {
            refusal = "the token is not valid";
        }
        // The screen keeps its current token, and with it the connection until that token expires.
        return answer(connection, ScreenMessage.renewalRefused(refusal));
    }

    private Uni<Void> answer(WebSocketConnection connection, ScreenMessage message) {
        Screen screen = hub.screen(connection);
        String json = hub.write(message);
        if (screen == null) {
            return connection.sendText(json);
        }
        screen.sendAside(json);
        return Uni.createFrom().voidItem();
    }

    @OnPongMessage
    public void pong(Buffer data, WebSocketConnection connection) {
        Screen screen = hub.screen(connection);
        if (screen != null) {
            screen.pings().ponged(data);
        }
    }

    @OnBinaryMessage
    public Uni<Void> binary(Buffer data, WebSocketConnection connection) {
        return closer.close(connection, new CloseReason(UNSUPPORTED_DATA, "binary messages are not accepted"));
    }

    /** The server refuses a message over quarkus.websockets-next.server.max-message-size this way. */
    @OnError
    public Uni<Void> failed(IllegalStateException error, WebSocketConnection connection) {
        if (String.valueOf(error.getMessage()).contains("max message size")) {
            return closer.close(connection, new CloseReason(MESSAGE_TOO_BIG, "message too big"));
        }
        LOG.warnf(error, "Screen %s failed", connection.id());
        return closer.close(connection, CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        sessions.ended(connection);
        hub.closed(connection);
    }

    private String renewalRefusal(JsonWebToken token, WebSocketConnection connection) {
        String refusal = policy.refusal(token, token.getGroups());
        if (refusal != null) {
            return refusal;
        }
        String changed = connection.userData().get(HOLDER).renewalRefusal(ScreenHolder.of(token));
        if (changed != null) {
            return changed;
        }
        if (!AccessPolicy.permissionsOf(token.getGroups()).contains(AccessPolicy.READ_INCIDENTS)) {
            return "the token does not allow reading incidents";
        }
        return null;
    }

    private JsonNode jsonIn(String text) {
        try {
            JsonNode message = mapper.readTree(text);
            return message != null && message.isObject() ? message : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The user a screen counts against: the token's subject (its name, should it have none). */
    private static String userOf(JsonWebToken token) {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }

    private static Instant expiryOf(JsonWebToken token) {
        return Instant.ofEpochSecond(token.getExpirationTime());
    }
}
