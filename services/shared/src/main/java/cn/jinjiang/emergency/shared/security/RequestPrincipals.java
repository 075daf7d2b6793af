package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whom a request counts against while it is open, known as soon as its headers are in: long before it is
 * authenticated, which happens only once its body has been read. That is too late for a client that sends headers and
 * never the body, so the principal is read from the bearer token here, and only from a token whose signature holds:
 * an unverified {@code sub} could be anybody's, and counting forged tokens against the name they claim would let
 * anyone exhaust a real user's share. So a token already verified is looked up ({@link VerifiedTokens}, no cost); an
 * unknown one is verified here by SmallRye JWT with the service's key and issuer (once per token: authentication
 * then remembers it); every request without a token that verifies counts against one shared {@link #UNAUTHENTICATED}.
 * The name is for bookkeeping only: what the request may do is still decided by the authentication and the policy.
 */
@ApplicationScoped
public class RequestPrincipals {

    /** The one principal all requests without a valid bearer token count against (no token's name contains a space). */
    public static final String UNAUTHENTICATED = "unauthenticated requests";
    private static final String SCHEME = "Bearer ";

    private final VerifiedTokens verified;
    private final JWTParser tokens;

    public RequestPrincipals(VerifiedTokens verified, JWTParser tokens) {
        this.verified = verified;
        this.tokens = tokens;
    }

    /** The verified {@code sub} of the request's bearer token, or {@link #UNAUTHENTICATED}. */
    public String of(HttpServerRequest request) {
        String token = bearerToken(request.getHeader("Authorization"));
        if (token == null || token.isEmpty()) {
            return UNAUTHENTICATED;
        }
        SecurityIdentity known = verified.find(token);
        if (known != null && known.getPrincipal() instanceof JsonWebToken jwt) {
            return nameOf(jwt);
        }
        try {
            return nameOf(tokens.parse(token));
        } catch (ParseException | RuntimeException e) {
            return UNAUTHENTICATED;
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, or null. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return header.substring(SCHEME.length()).trim();
    }

    private static String nameOf(JsonWebToken token) {
        String name = token.getSubject() != null ? token.getSubject() : token.getName();
        return name == null ? UNAUTHENTICATED : "sub " + name;
    }
}
