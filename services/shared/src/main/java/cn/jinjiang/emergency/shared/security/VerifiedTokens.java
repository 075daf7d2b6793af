package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identities of bearer tokens already verified and accepted by the access policy, by the token's exact text.
 * A dispatcher's client sends the same token with every request for hours; checking its RSA signature, parsing its
 * claims and applying the policy each time cost a tenth of a service's CPU under load. An entry never outlives its
 * token's expiry, nor {@link SecurityConfig#verifiedTokenLifetime()} (so a changed policy or key takes hold that soon
 * without a restart). Refused tokens are never kept: they are rare from real clients, and keeping them would let
 * anyone fill the memory with junk.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Verified(SecurityIdentity identity, long untilMillis) {
    }

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    private final Map<String, Verified> byToken = new ConcurrentHashMap<>();
    private final SecurityConfig config;
    private final Clock clock;

    @Inject
    public VerifiedTokens(SecurityConfig config) {
        this(config, Clock.systemUTC());
    }

    VerifiedTokens(SecurityConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The identity this exact token was given, or null if it has to be verified (again). */
    public SecurityIdentity find(String token) {
        Verified verified = byToken.get(token);
        if (verified == null) {
            return null;
        }
        if (verified.untilMillis() <= clock.millis()) {
            byToken.remove(token, verified);
            return null;
        }
        return verified.identity();
    }

    /** Keeps an identity the whole authentication chain accepted for this token. */
    public void keep(String token, SecurityIdentity identity) {
        int capacity = config.verifiedTokens();
        if (capacity <= 0 || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !token.equals(jwt.getRawToken())) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(jwt.getExpirationTime() * 1000, now + config.verifiedTokenLifetime().toMillis());
        if (until <= now) {
            return;
        }
        if (byToken.size() >= capacity) {
            byToken.values().removeIf(verified -> verified.untilMillis() <= now);
            if (byToken.size() >= capacity) {
                // Full of live tokens: this one is verified on every request until room is made.
                return;
            }
        }
        // The request it was verified on is not kept with it (SmallRye JWT puts it there): each request that is
        // answered from here gets its own ({@link #forRequest}).
        byToken.put(token, new Verified(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(ROUTING_CONTEXT, null).build(), until));
    }

    /** A remembered identity for the request at hand, carrying that request as a fresh verification would. */
    public static SecurityIdentity forRequest(SecurityIdentity remembered, RoutingContext request) {
        return QuarkusSecurityIdentity.builder(remembered).addAttribute(ROUTING_CONTEXT, request).build();
    }
}
