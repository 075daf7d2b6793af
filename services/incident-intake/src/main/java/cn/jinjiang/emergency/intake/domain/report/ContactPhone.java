package cn.jinjiang.emergency.intake.domain.report;

/**
 * The number a reporter can be called back on: a mainland mobile (11 digits from 13x to 19x, optionally after +86) or
 * a landline with its area code (0595-22345678 in Quanzhou, 010 for Beijing), optionally with an extension. Anything
 * else is refused rather than stored: a number the command centre cannot dial is worse than none, since it looks like
 * one.
 */
public final class ContactPhone {

    public static final String PATTERN =
            "(\\+86[- ]?)?1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?";
    public static final String RULE =
            "must be a mainland mobile (e.g. 13905951234) or a landline with its area code (e.g. 0595-22345678)";

    private ContactPhone() {
    }
}
