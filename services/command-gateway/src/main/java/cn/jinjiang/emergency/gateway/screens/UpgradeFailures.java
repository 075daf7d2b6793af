package cn.jinjiang.emergency.gateway.screens;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A refused WebSocket upgrade (no token, a forged one, a role without the permission) has already been answered by
 * the WebSocket layer when the failure reaches the routes' failure handlers; the REST layer's handler would then try to
 * write a second answer and log an error with a stack trace for every attempt, which an attacker can repeat at will.
 * This handler runs first and ends such a failure with one line in the log.
 */
@ApplicationScoped
public class UpgradeFailures {

    private static final Logger LOG = Logger.getLogger(UpgradeFailures.class);

    void install(@Observes Router router) {
        router.route("/ws/*").order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended() || context.response().headWritten()) {
                Throwable failure = context.failure();
                LOG.infof("WebSocket upgrade to %s refused with %d%s", context.request().path(),
                        context.response().getStatusCode(),
                        failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
                return;
            }
            context.next();
        });
    }
}
