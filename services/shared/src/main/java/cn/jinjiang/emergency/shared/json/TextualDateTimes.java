package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;

/**
 * Dates and times only as ISO-8601 text: Java time's own readers take a bare number as seconds or milliseconds since
 * 1970, so a stray number would become a plausible but invented moment. And only years 0001 to 9999: ISO-8601 reads
 * {@code +10000-01-01T00:00:00Z} and {@code -0500-…} too, which nothing downstream can write back (CAP's date-times,
 * JDBC, the event schemas' four-digit years), so such a date was taken at a draft and failed with a 500 at approval.
 */
final class TextualDateTimes extends BeanDeserializerModifier {

    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                  JsonDeserializer<?> deserializer) {
        return Temporal.class.isAssignableFrom(description.getBeanClass())
                ? new TextOnly(deserializer) : deserializer;
    }

    /** Whether the moment or date falls in years 0001..9999 (an instant's year read in UTC). */
    static boolean withinYears(Temporal temporal) {
        Temporal dated = temporal instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : temporal;
        if (!dated.isSupported(ChronoField.YEAR)) {
            return true;
        }
        int year = dated.get(ChronoField.YEAR);
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
                throw MismatchedInputException.from(parser, handledType(), "a number is not a date-time");
            }
            Object value = super.deserialize(parser, context);
            if (value instanceof Temporal temporal && !withinYears(temporal)) {
                throw new UnacceptableText(parser, "must have a year from 0001 to 9999");
            }
            return value;
        }
    }
}
