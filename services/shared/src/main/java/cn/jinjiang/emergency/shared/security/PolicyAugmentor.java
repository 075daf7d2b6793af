package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;

/**
 * Applies the {@link AccessPolicy} to every authenticated request of every service: refuses tokens the policy does
 * not accept (issued in the future, living longer than allowed, a duty officer without a well-formed area, a
 * command-centre token without a known jurisdiction), and gives the identity its permissions and its {@link Caller}.
 */
@ApplicationScoped
public class PolicyAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(PolicyAugmentor.class);

    private final SecurityConfig config;

    public PolicyAugmentor(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = identity.getRoles();
        String refusal = refusal(token, roles);
        if (refusal != null) {
            // One line, no stack trace: refused tokens are routine, and an attacker can send many.
            LOG.infof("Token of %s refused: %s", token.getName(), refusal);
            return Uni.createFrom().failure(new AuthenticationFailedException(refusal));
        }
        Set<String> permissions = AccessPolicy.permissionsOf(roles);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.ATTRIBUTE, callerOf(token, roles))
                .addPermissionChecker(permission -> Uni.createFrom().item(permissions.contains(permission.getName())))
                .build());
    }

    /** Why the policy refuses this token (whose signature, issuer and expiry are already verified), or null. */
    public String refusal(JsonWebToken token, Set<String> roles) {
        String area = areaOf(token, roles);
        long now = Instant.now().getEpochSecond();
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt <= 0) {
            return "no iat claim";
        }
        if (issuedAt > now + config.clockSkew().toSeconds()) {
            return "issued in the future (iat " + issuedAt + ")";
        }
        if (token.getExpirationTime() - issuedAt > config.maxTokenLifetime().toSeconds()) {
            return "lifetime longer than " + config.maxTokenLifetime();
        }
        Object claim = claim(token, Roles.AREA_CLAIM);
        if (claim != null && area == null && !AccessPolicy.seesEveryArea(roles)) {
            return Roles.AREA_CLAIM + " claim is not a 12-digit administrative code";
        }
        if (roles.contains(Roles.DUTY_OFFICER) && area == null && !AccessPolicy.seesEveryArea(roles)) {
            return "a duty officer's token must name their area in " + Roles.AREA_CLAIM;
        }
        if (Roles.COMMAND_CENTRE.stream().anyMatch(roles::contains)) {
            String jurisdiction = text(claim(token, Roles.JURISDICTION_CLAIM));
            if (jurisdiction == null) {
                // Fail closed: a command-centre token that names no jurisdiction is not taken to mean all of them.
                return "a command-centre token must name its jurisdiction in " + Roles.JURISDICTION_CLAIM;
            }
            if (!config.jurisdictions().contains(jurisdiction)) {
                return Roles.JURISDICTION_CLAIM + " claim " + jurisdiction + " is none of "
                        + config.jurisdictions().stream().sorted().toList();
            }
        }
        if (roles.contains(Roles.RESCUE_UNIT) && unitOf(token) == null) {
            return "a rescue unit's token must name its unit in " + Roles.UNIT_CLAIM;
        }
        return null;
    }

    /** The caller the policy sees in an accepted token. */
    public static Caller callerOf(JsonWebToken token, Set<String> roles) {
        return new Caller(token.getName(), areaOf(token, roles), jurisdictionOf(token, roles));
    }

    /**
     * The jurisdiction of an accepted command-centre token (checked by {@link #refusal}); null for the roles not
     * bounded by one. A duty officer's is their area's, which their area alone already bounds.
     */
    private static String jurisdictionOf(JsonWebToken token, Set<String> roles) {
        if (Roles.COMMAND_CENTRE.stream().noneMatch(roles::contains)) {
            return null;
        }
        String value = text(claim(token, Roles.JURISDICTION_CLAIM));
        return AreaCodes.isJurisdiction(value) ? value : null;
    }

    /** The call sign a rescue unit's token names, or null. */
    public static String unitOf(JsonWebToken token) {
        String value = text(claim(token, Roles.UNIT_CLAIM));
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A custom claim, or null. Asked for directly, a claim the token lacks costs smallrye-jwt an exception with its
     * stack trace (it first tries the name as a standard claim): several percent of a service's CPU on every request.
     */
    private static Object claim(JsonWebToken token, String name) {
        return token.containsClaim(name) ? token.getClaim(name) : null;
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
    }

    /** The area claim if the roles are bounded to one and it is a well-formed code; otherwise null. */
    private static String areaOf(JsonWebToken token, Set<String> roles) {
        if (AccessPolicy.seesEveryArea(roles)) {
            return null;
        }
        String value = text(claim(token, Roles.AREA_CLAIM));
        return AreaCodes.isValid(value) ? value : null;
    }
}
