package cn.jinjiang.emergency.gateway.screens;

import java.nio.charset.StandardCharsets;

/**
 * A text message for screens, encoded to UTF-8 once however many screens it is written to: a change's message is the
 * same for every screen with one filter ({@link PreparedChange}).
 */
final class ScreenText {

    private final String text;
    private final byte[] bytes;

    ScreenText(String text) {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
    }

    String text() {
        return text;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
