package cn.jinjiang.emergency.shared.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** Token rules on top of signature, issuer and expiry, which SmallRye JWT checks. */
@ConfigMapping(prefix = "emergency.security")
public interface SecurityConfig {

    /** Longest lifetime (exp − iat) a token may have; a longer-lived token is refused even before it expires. */
    @WithDefault("12h")
    Duration maxTokenLifetime();

    /** How far an issuer's clock may run ahead of ours before a token's iat counts as in the future. */
    @WithDefault("60s")
    Duration clockSkew();

    /**
     * The jurisdictions a command-centre token may name in its {@code jurisdiction} claim: the two county bureaus
     * (Jinjiang 350582, Licheng 350502) and the prefecture above them (Quanzhou 350500). Any other value, or none,
     * and the token is refused: the command centre is never bounded by default to everything.
     */
    @WithDefault("350582,350502,350500")
    Set<String> jurisdictions();

    /** How many accepted bearer tokens are remembered, each verified once ({@link VerifiedTokens}); 0: none. */
    @WithDefault("10000")
    int verifiedTokens();

    /** Longest a remembered token is answered without being verified again (never past its own expiry). */
    @WithDefault("5m")
    Duration verifiedTokenLifetime();
}
