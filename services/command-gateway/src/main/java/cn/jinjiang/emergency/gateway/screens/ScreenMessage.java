package cn.jinjiang.emergency.gateway.screens;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The answers to a token renewal, outside the change stream (they carry no sequence number): {@code renewed} with the
 * new expiry, or {@code renewal-refused} with why. Snapshots and changes are written by {@link ScreenHub} and
 * {@link PreparedChange}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenMessage(String kind, Instant expiresAt, String detail) {

    public static ScreenMessage renewed(Instant expiresAt) {
        return new ScreenMessage("renewed", expiresAt, null);
    }

    public static ScreenMessage renewalRefused(String detail) {
        return new ScreenMessage("renewal-refused", null, detail);
    }
}
