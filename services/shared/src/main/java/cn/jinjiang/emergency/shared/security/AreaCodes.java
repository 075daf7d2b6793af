package cn.jinjiang.emergency.shared.security;

import java.util.regex.Pattern;

/**
 * Administrative division codes (行政区划代码, 12 digits: province 2, city 2, county 2, township 3, village 3). A code
 * covers every code below it, which shares its significant prefix: 350582000000 (Jinjiang) covers 350582100000
 * (Anhai), which covers its villages 350582100xxx. Every service can apply the area rule from the codes alone.
 */
public final class AreaCodes {

    private static final Pattern CODE = Pattern.compile("[0-9]{12}");

    private AreaCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
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
