package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.WarningLevel;

/**
 * CAP {@code <urgency>}: how soon people must act.
 *
 * <table>
 *   <caption>Warning level → urgency</caption>
 *   <tr><th>level</th><th>urgency</th><th>why</th></tr>
 *   <tr><td>RED (I)</td><td>Immediate</td><td>red is issued when the event is imminent or under way</td></tr>
 *   <tr><td>ORANGE (II)</td><td>Expected</td><td>the event is expected within hours; act soon</td></tr>
 *   <tr><td>YELLOW (III)</td><td>Expected</td><td>as orange, with lesser effects</td></tr>
 *   <tr><td>BLUE (IV)</td><td>Future</td><td>issued with the longest lead time; prepare</td></tr>
 * </table>
 * A lifted warning (Cancel) is {@link #PAST}: action is no longer required.
 */
public enum Urgency {
    IMMEDIATE("Immediate"),
    EXPECTED("Expected"),
    FUTURE("Future"),
    PAST("Past");

    private final String capValue;

    Urgency(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }

    public static Urgency of(WarningLevel level) {
        return switch (level) {
            case RED -> IMMEDIATE;
            case ORANGE, YELLOW -> EXPECTED;
            case BLUE -> FUTURE;
        };
    }
}
