package cn.jinjiang.emergency.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress goes to stderr; stdout carries only the summary the scripts print at the end. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
    }
}
