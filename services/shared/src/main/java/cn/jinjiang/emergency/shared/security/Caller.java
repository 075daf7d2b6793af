package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the access policy sees them: their name and, for a duty officer, the area they are bounded to
 * ({@code null} for the command centre, which sees every area). Built once per request by {@link PolicyAugmentor}.
 */
public record Caller(String name, String area) {

    static final String ATTRIBUTE = "emergency.caller";

    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("No caller on an unauthenticated request");
        }
        return caller;
    }

    /** The area rule: the command centre everywhere, a duty officer in their area and everything below it. */
    public boolean mayAccess(String areaCode) {
        return area == null || AreaCodes.covers(area, areaCode);
    }
}
