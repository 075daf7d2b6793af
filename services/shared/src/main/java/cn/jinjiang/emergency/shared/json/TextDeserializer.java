package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;

/**
 * Text fields take JSON strings only, and only text a person could have typed: no control characters other than tab
 * and line breaks (a NUL cannot even be stored by PostgreSQL), and no unpaired surrogate (not a character at all).
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
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (at position %d)".formatted(i);
            }
        }
        return null;
    }
}
