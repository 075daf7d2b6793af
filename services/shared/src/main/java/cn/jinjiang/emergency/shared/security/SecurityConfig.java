package cn.jinjiang.emergency.shared.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Token rules on top of signature, issuer and expiry, which SmallRye JWT checks. */
@ConfigMapping(prefix = "emergency.security")
public interface SecurityConfig {

    /** Longest lifetime (exp − iat) a token may have; a longer-lived token is refused even before it expires. */
    @WithDefault("12h")
    Duration maxTokenLifetime();

    /** How far an issuer's clock may run ahead of ours before a token's iat counts as in the future. */
    @WithDefault("60s")
    Duration clockSkew();

    /** How many accepted bearer tokens are remembered, each verified once ({@link VerifiedTokens}); 0: none. */
    @WithDefault("10000")
    int verifiedTokens();

    /** Longest a remembered token is answered without being verified again (never past its own expiry). */
    @WithDefault("5m")
    Duration verifiedTokenLifetime();
}
