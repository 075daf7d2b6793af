package cn.jinjiang.emergency.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * The bureaus' time zone ({@code emergency.zone}): their day, not UTC's, is what "today", a lot's expiry date and a
 * daily figure mean. Between 16:00 and 24:00 UTC it is already the next day in Jinjiang and Licheng.
 */
@ConfigMapping(prefix = "emergency")
public interface BureauZone {

    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
