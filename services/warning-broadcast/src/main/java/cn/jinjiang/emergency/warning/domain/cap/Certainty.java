package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.WarningLevel;

/**
 * CAP {@code <certainty>}. Higher levels are issued closer to the event, when the forecast is firmer; lower levels
 * are issued early, on what may still not happen.
 *
 * <table>
 *   <caption>Warning level → certainty</caption>
 *   <tr><th>level</th><th>certainty</th></tr>
 *   <tr><td>RED (I), ORANGE (II)</td><td>Likely (probability above about 50%)</td></tr>
 *   <tr><td>YELLOW (III), BLUE (IV)</td><td>Possible (probability at or below about 50%)</td></tr>
 * </table>
 * Observed is not used: a warning is about what is coming, and a level describes a forecast.
 */
public enum Certainty {
    LIKELY("Likely"),
    POSSIBLE("Possible");

    private final String capValue;

    Certainty(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }

    public static Certainty of(WarningLevel level) {
        return switch (level) {
            case RED, ORANGE -> LIKELY;
            case YELLOW, BLUE -> POSSIBLE;
        };
    }
}
