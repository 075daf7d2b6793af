package cn.jinjiang.emergency.warning.domain.cap;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CAP {@code <area>}: a human description and the administrative divisions it covers, one {@code <geocode>} each.
 * Codes are the 12-digit statistical division codes: the 6-digit GB/T 2260 county code followed by 3 digits for the
 * town/street and 3 for the village/community, so one scheme addresses all three broadcast levels
 * (e.g. {@code 350582000000} is all of Jinjiang).
 */
public record CapArea(String areaDesc, List<String> divisionCodes) {

    /** The geocode valueName receivers match on. */
    public static final String GEOCODE_NAME = "GB/T2260";

    private static final Pattern CODE = Pattern.compile("\\d{12}");

    public CapArea {
        CapText.required(areaDesc, "areaDesc");
        divisionCodes = List.copyOf(divisionCodes);
        if (divisionCodes.isEmpty()) {
            throw new IllegalArgumentException("an area needs at least one division code: " + areaDesc);
        }
        for (String code : divisionCodes) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("division codes have 12 digits: " + code);
            }
        }
    }

    public CapArea(String areaDesc, String divisionCode) {
        this(areaDesc, List.of(divisionCode));
    }
}
