package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.WarningMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One CAP 1.2 message as this service sends it: one {@link CapInfo}, scope Public. An Update or Cancel lists the
 * messages it supersedes in {@code references} (all earlier messages of the warning, oldest first); note is optional
 * and mostly useful to explain an exercise or test.
 *
 * <p>{@code sender} and {@code identifier} together are unique for all time, so a receiver can tell a repeat from a
 * new message; neither may contain whitespace, commas, {@code <} or {@code &}.
 */
public record CapAlert(String identifier, String sender, OffsetDateTime sent, WarningMode mode, MsgType msgType,
                       List<CapReference> references, String note, CapInfo info) {

    /** Warnings go to the general public; restricted or private distribution is not something the bureau does. */
    public static final String SCOPE = "Public";

    public CapAlert {
        CapText.token(identifier, "identifier");
        CapText.token(sender, "sender");
        sent = CapTime.normalize(Objects.requireNonNull(sent, "sent"));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(msgType, "msgType");
        references = List.copyOf(references);
        if (msgType != MsgType.ALERT && references.isEmpty()) {
            throw new IllegalArgumentException(msgType.capValue() + " must reference the messages it supersedes");
        }
        CapText.optional(note, "note");
        Objects.requireNonNull(info, "info");
    }
}
