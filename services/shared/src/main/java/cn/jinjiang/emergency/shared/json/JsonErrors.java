package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns Jackson's refusals into what a client can act on: the field as the client wrote it (e.g.
 * {@code casualties.deaths}) and what it must be. Jackson's own messages name Java classes, which tell a client
 * nothing and tell an attacker how the service is built.
 */
public final class JsonErrors {

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class,
            BigDecimal.class, Number.class);

    private JsonErrors() {
    }

    /** The field the error is about, or "body" for the document as a whole. */
    public static String field(JsonMappingException e) {
        if (e.getCause() instanceof JsonParseException parse && isDuplicate(parse)) {
            return field(parse);
        }
        List<String> names = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            names.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return join(names);
    }

    public static String message(JsonMappingException e) {
        if (e instanceof UnacceptableText) {
            return e.getOriginalMessage();
        }
        if (e.getCause() instanceof JsonParseException parse && isDuplicate(parse)) {
            return message(parse);
        }
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Trailing token")) {
            return "must be a single JSON value with nothing after it";
        }
        if (original.startsWith("Cannot map `null`")) {
            return "must not be null";
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return type == null ? "is not valid here" : expected(type);
    }

    /** A duplicate key is a parse error without a path; the parser still knows where it stood. */
    public static String field(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null || !isDuplicate(e)) {
            return "body";
        }
        List<String> names = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            names.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : context.getCurrentName());
        }
        return join(names);
    }

    public static String message(JsonParseException e) {
        if (isDuplicate(e)) {
            return "must appear only once";
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return "malformed JSON" + where;
    }

    private static boolean isDuplicate(JsonParseException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "must be a whole number";
        }
        if (NUMBERS.contains(type)) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a JSON string";
        }
        if (type == LocalDate.class) {
            return "must be a date, e.g. 2026-07-01";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date-time with its UTC offset, e.g. 2026-07-01T08:30:00+08:00";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "must be a JSON object" : "is not valid here";
    }

    private static String join(List<String> names) {
        String joined = names.stream().filter(n -> n != null).collect(Collectors.joining(".")).replace(".[", "[");
        return joined.isEmpty() ? "body" : joined;
    }
}
