package cn.jinjiang.emergency.warning.domain.cap;

import java.time.OffsetDateTime;
import java.util.Objects;

/** One earlier message, as CAP {@code <references>} names it: {@code sender,identifier,sent}. */
public record CapReference(String sender, String identifier, OffsetDateTime sent) {

    public CapReference {
        CapText.token(sender, "sender");
        CapText.token(identifier, "identifier");
        sent = CapTime.normalize(Objects.requireNonNull(sent, "sent"));
    }

    public static CapReference to(CapAlert earlier) {
        return new CapReference(earlier.sender(), earlier.identifier(), earlier.sent());
    }

    /** The sent time is written exactly as in the earlier message, so receivers can match it as text. */
    public String capValue() {
        return sender + "," + identifier + "," + CapTime.format(sent);
    }
}
