package cn.jinjiang.emergency.warning.domain.cap;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * CAP {@code <info>}: the warning as the public reads or hears it. Effective, expires, senderName, instruction and web
 * may be null. Headline and description are required, because loudspeakers have nothing else to read out, and so is
 * at least one area, because terminals are addressed by area.
 */
public record CapInfo(String language, Classification classification, OffsetDateTime effective,
                      OffsetDateTime expires, String senderName, String headline, String description,
                      String instruction, URI web, List<CapArea> areas) {

    /** Warnings are published in Chinese. */
    public static final String CHINESE = "zh-CN";

    public CapInfo {
        CapText.required(language, "language");
        Objects.requireNonNull(classification, "classification");
        effective = CapTime.normalize(effective);
        expires = CapTime.normalize(expires);
        if (effective != null && expires != null && !expires.isAfter(effective)) {
            throw new IllegalArgumentException("expires " + expires + " is not after effective " + effective);
        }
        CapText.optional(senderName, "senderName");
        CapText.required(headline, "headline");
        CapText.required(description, "description");
        CapText.optional(instruction, "instruction");
        if (web != null && !web.isAbsolute()) {
            throw new IllegalArgumentException("web must be an absolute URI: " + web);
        }
        areas = List.copyOf(areas);
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("a warning needs at least one area");
        }
    }
}
