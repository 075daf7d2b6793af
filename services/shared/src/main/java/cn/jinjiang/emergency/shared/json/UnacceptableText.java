package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A text field whose value is refused; its message is written for the client and names no Java type. */
public final class UnacceptableText extends JsonMappingException {

    UnacceptableText(JsonParser parser, String message) {
        super(parser, message);
    }
}
