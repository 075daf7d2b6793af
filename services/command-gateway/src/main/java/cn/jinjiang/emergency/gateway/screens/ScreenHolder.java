package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.shared.security.PolicyAugmentor;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Objects;
import java.util.Set;

/**
 * Who an open screen was opened for: the token's subject and name, its roles and the area they bound it to. A renewal
 * only extends the screen's time; it must not make the screen somebody else's, nor widen or move what it shows
 * (a duty officer renewing with another area's token would otherwise watch that area on a screen opened for theirs).
 */
record ScreenHolder(String subject, String name, Set<String> roles, String area) {

    static ScreenHolder of(JsonWebToken token) {
        Set<String> roles = Set.copyOf(token.getGroups());
        return new ScreenHolder(token.getSubject(), token.getName(), roles,
                PolicyAugmentor.callerOf(token, roles).scope());
    }

    /** Why a renewal with this token is refused for a screen held by this holder, or null if it may renew. */
    String renewalRefusal(ScreenHolder renewal) {
        if (!Objects.equals(subject, renewal.subject) || !Objects.equals(name, renewal.name)) {
            return "a renewal must be for the same user";
        }
        if (!roles.equals(renewal.roles)) {
            return "a renewal must keep the screen's roles " + roles.stream().sorted().toList();
        }
        if (!Objects.equals(area, renewal.area)) {
            return "a renewal must keep the screen's area " + (area == null ? "(every area)" : area);
        }
        return null;
    }
}
