package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.shared.security.PolicyAugmentor;
import cn.jinjiang.emergency.shared.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who reports a unit's status or position: its own terminal (bounded to that unit) or the command centre. */
final class FieldTerminal {

    private FieldTerminal() {
    }

    /** The call sign a rescue unit's token names, or null for a command-centre caller, who may report for any. */
    static String ownCallSign(SecurityIdentity identity) {
        if (!identity.hasRole(Roles.RESCUE_UNIT) || identity.hasRole(Roles.DISPATCHER)
                || identity.hasRole(Roles.COMMANDER)) {
            return null;
        }
        return PolicyAugmentor.unitOf((JsonWebToken) identity.getPrincipal());
    }
}
