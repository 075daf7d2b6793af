package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/**
 * Answers a bearer token seen before from {@link VerifiedTokens} and lets SmallRye JWT (signature, issuer, expiry)
 * and the augmentors (the {@link PolicyAugmentor}) see every other one; what they accept is remembered.
 */
@Decorator
@Priority(10)
public abstract class VerifiedBearerTokens implements HttpAuthenticationMechanism {

    private final HttpAuthenticationMechanism jwt;
    private final VerifiedTokens verified;

    @Inject
    VerifiedBearerTokens(@Delegate JWTAuthMechanism jwt, VerifiedTokens verified) {
        this.jwt = jwt;
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = RequestPrincipals.bearerToken(context.request().getHeader("Authorization"));
        if (token == null) {
            return jwt.authenticate(context, identities);
        }
        SecurityIdentity known = verified.find(token);
        if (known != null) {
            return Uni.createFrom().item(VerifiedTokens.forRequest(known, context));
        }
        return jwt.authenticate(context, identities).invoke(identity -> verified.keep(token, identity));
    }
}
