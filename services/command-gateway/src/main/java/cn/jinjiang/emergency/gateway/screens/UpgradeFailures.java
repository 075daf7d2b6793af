package cn.jinjiang.emergency.gateway.screens;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Keeps refused and malformed WebSocket upgrades to one line in the log, answered with a 4xx. Anyone can send them,
 * without a token, as often as they like.
 * <ul>
 *   <li>A refused upgrade (no token, a forged one, a role without the permission) has already been answered by the
 *       WebSocket layer when the failure reaches the routes' failure handlers; the REST layer's handler would then try
 *       to write a second answer and log an error with a stack trace. The failure handler ends it here.</li>
 *   <li>A {@code quarkus-http-upgrade#<header>#<value>} subprotocol entry that is malformed, or offered without a
 *       real subprotocol next to it, made Quarkus's header propagation fail the request as a 500 (an error line and a
 *       7.6 KB stack trace). It is refused here with 400 before that handler sees it.</li>
 * </ul>
 */
@ApplicationScoped
public class UpgradeFailures {

    static final String CARRIER = "quarkus-http-upgrade";
    private static final Logger LOG = Logger.getLogger(UpgradeFailures.class);

    void install(@Observes Router router) {
        router.route("/ws/*").order(Integer.MIN_VALUE).handler(context -> {
            String problem = subprotocolProblem(context.request().getHeader("Sec-WebSocket-Protocol"));
            if (problem == null) {
                context.next();
                return;
            }
            LOG.infof("WebSocket upgrade to %s refused with 400: %s", context.request().path(), problem);
            context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                    .end(problem);
        });
        router.route("/ws/*").order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended() || context.response().headWritten()) {
                Throwable failure = context.failure();
                LOG.infof("WebSocket upgrade to %s refused with %d%s", context.request().path(),
                        context.response().getStatusCode(),
                        failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
                return;
            }
            if (context.failure() instanceof IllegalArgumentException malformed) {
                // What the upgrade's own handlers reject as malformed is the client's fault, not the server's.
                LOG.infof("WebSocket upgrade to %s refused with 400: %s", context.request().path(),
                        malformed.getMessage() == null ? "malformed" : malformed.getMessage().lines().findFirst()
                                .orElse("malformed"));
                context.response().setStatusCode(400).end();
                return;
            }
            context.next();
        });
    }

    /** Why the subprotocol header cannot be taken, or null when it can (or is absent). */
    static String subprotocolProblem(String header) {
        if (header == null || !header.contains(CARRIER)) {
            return null;
        }
        boolean protocol = false;
        for (String entry : header.split(",")) {
            String offered = entry.trim();
            if (!offered.startsWith(CARRIER)) {
                protocol |= !offered.isEmpty();
                continue;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(offered, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "a " + CARRIER + " subprotocol entry is not URI-encoded";
            }
            String[] parts = decoded.split("#", -1);
            if (parts.length != 3 || !parts[0].equals(CARRIER) || parts[1].isBlank() || parts[2].isBlank()) {
                return "expected " + CARRIER + "#<header>#<value>";
            }
        }
        return protocol ? null : "a " + CARRIER + " entry needs a subprotocol next to it (bearer-token-carrier)";
    }
}
