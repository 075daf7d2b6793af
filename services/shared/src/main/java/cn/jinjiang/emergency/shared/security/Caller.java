package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the access policy sees them: their name; for a duty officer, the area they are bounded to; for
 * the command centre, the jurisdiction it acts in (six digits: a county bureau's, or the prefecture's above both).
 * Machines (the broadcast platform, a unit's terminal) and administrators carry neither and are not bounded by area.
 * Built once per request by {@link PolicyAugmentor}.
 */
public record Caller(String name, String area, String jurisdiction) {

    static final String ATTRIBUTE = "emergency.caller";

    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("No caller on an unauthenticated request");
        }
        return caller;
    }

    /**
     * The administrative code everything this caller reads and acts on lies in: a duty officer's area, else a county
     * bureau's own code (350582000000 for Jinjiang's command centre), or null for callers bounded by neither: the
     * prefecture's staff (350500), above both counties, see everything the system holds, as machines do.
     */
    public String scope() {
        if (area != null) {
            return area;
        }
        return AreaCodes.isCounty(jurisdiction) ? AreaCodes.ofJurisdiction(jurisdiction) : null;
    }

    /**
     * The area rule: a duty officer in their area and everything below it, the command centre within its
     * jurisdiction; outside, a thing is answered as unknown (404), so that its existence does not leak.
     */
    public boolean mayAccess(String areaCode) {
        String scope = scope();
        return scope == null || AreaCodes.covers(scope, areaCode);
    }
}
