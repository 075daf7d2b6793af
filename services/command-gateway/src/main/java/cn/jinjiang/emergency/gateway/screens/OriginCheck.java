package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Refuses (403) a WebSocket upgrade from a browser page whose origin is neither configured nor the gateway's own. */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);

    private final GatewayConfig config;

    public OriginCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || config.allowedOrigins().contains(origin) || sameOrigin(context, origin)) {
            return CheckResult.permitUpgrade();
        }
        LOG.infof("WebSocket upgrade from origin %s refused", origin);
        return CheckResult.rejectUpgrade(403);
    }

    /** The gateway's own operator page, on whatever address it was reached at. */
    private static boolean sameOrigin(HttpUpgradeContext context, String origin) {
        String host = context.httpRequest().getHeader("Host");
        return host != null && origin.equals(context.httpRequest().scheme() + "://" + host);
    }
}
