package cn.jinjiang.emergency.warning.domain.cap;

/** Checks on text before it reaches XML, so a bad value fails where it was made rather than at a receiver. */
final class CapText {

    private CapText() {
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return xml(value, name);
    }

    static String optional(String value, String name) {
        return value == null ? null : xml(value, name);
    }

    /**
     * CAP forbids spaces, commas and the restricted characters {@code <} and {@code &} in identifiers and senders:
     * references join them with commas and separate them with whitespace.
     */
    static String token(String value, String name) {
        required(value, name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == '<' || c == '&') {
                throw new IllegalArgumentException(name + " must not contain whitespace, ',', '<' or '&': " + value);
            }
        }
        return value;
    }

    /** XML 1.0 cannot carry most control characters even escaped; the serialiser would write an unparseable file. */
    private static String xml(String value, String name) {
        value.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                throw new IllegalArgumentException(name + " contains a character XML cannot carry: U+"
                        + Integer.toHexString(c).toUpperCase());
            }
        });
        return value;
    }
}
