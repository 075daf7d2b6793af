package cn.jinjiang.emergency.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** The live feed's boundary towards browsers. */
@ConfigMapping(prefix = "emergency.gateway")
public interface GatewayConfig {

    /**
     * Origins whose pages may open the live feed. A browser always sends its page's Origin with a WebSocket upgrade,
     * so another site's page cannot ride on a screen's credentials; clients that send no Origin (not browsers) pass.
     */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
    List<String> allowedOrigins();
}
