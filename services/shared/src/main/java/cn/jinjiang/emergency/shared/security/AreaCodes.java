package cn.jinjiang.emergency.shared.security;

/**
 * Administrative division codes (行政区划代码, 12 digits: province 2, city 2, county 2, township 3, village 3). A code
 * covers every code below it, which shares its significant prefix: 350582000000 (Jinjiang) covers 350582100000
 * (Anhai), which covers its villages 350582100xxx. Every service can apply the area rule from the codes alone.
 */
public final class AreaCodes {

    private AreaCodes() {
    }

    public static boolean isValid(String code) {
        // By hand, not by a regular expression: the area rule asks this for every item a screen may be shown.
        if (code == null || code.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code jurisdiction} is six digits, as a county's or prefecture's part of a code. */
    public static boolean isJurisdiction(String jurisdiction) {
        return jurisdiction != null && jurisdiction.length() == 6 && isValid(jurisdiction + "000000");
    }

    /**
     * Whether {@code jurisdiction} is a county's (350582, 350502: six significant digits), with forces of its own,
     * rather than a prefecture's or province's above the counties (350500).
     */
    public static boolean isCounty(String jurisdiction) {
        return isJurisdiction(jurisdiction) && significantDigits(jurisdiction + "000000") == 6;
    }

    /** The administrative code of a jurisdiction itself, e.g. 350582 → 350582000000, covering its areas. */
    public static String ofJurisdiction(String jurisdiction) {
        if (!isJurisdiction(jurisdiction)) {
            throw new IllegalArgumentException("not a jurisdiction (six digits): " + jurisdiction);
        }
        return jurisdiction + "000000";
    }

    /** Whether {@code area} is {@code scope} itself or lies below it. */
    public static boolean covers(String scope, String area) {
        return isValid(scope) && isValid(area) && area.startsWith(prefix(scope));
    }

    /**
     * The county-level jurisdiction an area lies in, as the six digits of its county (350582 Jinjiang city, 350502
     * Licheng district): each has its own bureau, which speaks for the areas below it. A code above the counties
     * (350500, Quanzhou; 350000, Fujian) is its own six digits, the prefecture's or province's.
     */
    public static String jurisdiction(String area) {
        if (!isValid(area)) {
            throw new IllegalArgumentException("not an administrative code: " + area);
        }
        return area.substring(0, 6);
    }

    /** The county bureau {@code area} lies in, or null when it is absent or not a code (as read from outside). */
    public static String jurisdictionOf(String area) {
        return area != null && isValid(area) ? jurisdiction(area) : null;
    }

    /** The digits every code below {@code scope} starts with, e.g. for a SQL {@code LIKE prefix || '%'}. */
    public static String prefix(String scope) {
        if (!isValid(scope)) {
            throw new IllegalArgumentException("not an administrative code: " + scope);
        }
        return scope.substring(0, significantDigits(scope));
    }

    private static int significantDigits(String code) {
        if (!code.endsWith("000")) {
            return 12;
        }
        if (!code.endsWith("000000")) {
            return 9;
        }
        if (!code.endsWith("00000000")) {
            return 6;
        }
        return code.endsWith("0000000000") ? 2 : 4;
    }
}
