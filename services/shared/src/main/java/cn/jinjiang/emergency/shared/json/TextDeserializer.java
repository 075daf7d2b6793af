package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;

/**
 * Text fields take JSON strings only, and only text a person could have typed: no control characters other than tab
 * and line breaks (a NUL cannot even be stored by PostgreSQL), and no unpaired surrogate (not a character at all).
 * What remains is also exactly what XML 1.0 can carry ({@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]}, minus C1 controls): text accepted here may end up in a signed CAP document, and a character
 * XML forbids would only be found when that document is written, as a 500 at approval.
 */
final class TextDeserializer extends StdScalarDeserializer<String> {

    TextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new UnacceptableText(parser, "must be a JSON string");
        }
        String text = parser.getText();
        String problem = problemWith(text);
        if (problem != null) {
            throw new UnacceptableText(parser, problem);
        }
        return text;
    }

    static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters (found U+%04X at position %d)".formatted((int) c, i);
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                // Noncharacters XML 1.0 excludes from its Char production; the ones in the other planes it allows.
                return "must not contain U+%04X, which is not a character XML can carry (at position %d)"
                        .formatted((int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (at position %d)".formatted(i);
            }
        }
        return null;
    }
}
