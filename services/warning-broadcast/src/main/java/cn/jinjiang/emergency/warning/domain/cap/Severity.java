package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.WarningLevel;

/**
 * CAP {@code <severity>}. The four levels map one to one, so a receiver can recover the colour from the severity.
 *
 * <table>
 *   <caption>Warning level → severity</caption>
 *   <tr><th>level</th><th>severity</th></tr>
 *   <tr><td>RED (I)</td><td>Extreme: extraordinary threat to life or property</td></tr>
 *   <tr><td>ORANGE (II)</td><td>Severe: significant threat to life or property</td></tr>
 *   <tr><td>YELLOW (III)</td><td>Moderate: possible threat to life or property</td></tr>
 *   <tr><td>BLUE (IV)</td><td>Minor: minimal to no known threat</td></tr>
 * </table>
 */
public enum Severity {
    EXTREME("Extreme"),
    SEVERE("Severe"),
    MODERATE("Moderate"),
    MINOR("Minor");

    private final String capValue;

    Severity(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }

    public static Severity of(WarningLevel level) {
        return switch (level) {
            case RED -> EXTREME;
            case ORANGE -> SEVERE;
            case YELLOW -> MODERATE;
            case BLUE -> MINOR;
        };
    }
}
