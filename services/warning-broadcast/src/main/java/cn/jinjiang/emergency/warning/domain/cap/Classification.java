package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;

import java.util.Objects;

/**
 * What kind of event a message is about and how serious it is: CAP {@code <category>}, {@code <event>},
 * {@code <urgency>}, {@code <severity>} and {@code <certainty>}. {@link #of} derives them from a warning so every
 * message of the bureau uses the same tables (documented on {@link Category}, {@link Urgency}, {@link Severity} and
 * {@link Certainty}).
 */
public record Classification(Category category, String event, Urgency urgency, Severity severity,
                             Certainty certainty) {

    public Classification {
        Objects.requireNonNull(category, "category");
        CapText.required(event, "event");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(certainty, "certainty");
    }

    /** The event is the hazard's Chinese name; the level is carried by severity (one to one) and the headline. */
    public static Classification of(Hazard hazard, WarningLevel level) {
        return new Classification(Category.of(hazard), hazard.chineseName(), Urgency.of(level), Severity.of(level),
                Certainty.of(level));
    }

    /**
     * For the message that lifts a warning: nothing more needs doing. Severity and certainty stay, so the receiver
     * still sees which warning ended.
     */
    public Classification lifted() {
        return new Classification(category, event, Urgency.PAST, severity, certainty);
    }
}
