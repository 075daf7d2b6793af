package cn.jinjiang.emergency.shared.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text from a request body must be text XML 1.0 can carry, since a warning's text ends up in a signed CAP document:
 * a character XML forbids would be accepted here and only fail at approval, as a 500.
 */
class StrictTextTest {

    record Draft(String headline, List<String> notes) {
    }

    private static final ObjectMapper MAPPER = StrictJson.apply(new ObjectMapper());

    private static Draft read(String json) throws Exception {
        return MAPPER.readValue(json, Draft.class);
    }

    private static void refused(String jsonEscaped, String field, String saying) {
        String json = field.equals("headline")
                ? "{\"headline\": \"" + jsonEscaped + "\", \"notes\": []}"
                : "{\"headline\": \"ok\", \"notes\": [\"fine\", \"" + jsonEscaped + "\"]}";
        JsonMappingException refusal = assertThrows(JsonMappingException.class, () -> read(json), jsonEscaped);
        assertEquals(field, JsonErrors.field(refusal), jsonEscaped);
        assertTrue(JsonErrors.message(refusal).contains(saying), JsonErrors.message(refusal));
    }

    @Test
    void charactersXmlForbidsAreRefusedNamingTheField() {
        refused("Typhoon \\uFFFE warning", "headline", "U+FFFE");
        refused("Typhoon \\uffff", "headline", "U+FFFF");
        refused("\\uFFFF", "notes[1]", "U+FFFF");
        refused("Typhoon \\uD800 warning", "headline", "unpaired surrogate");
        refused("\\uDC00 first", "headline", "unpaired surrogate");
        refused("last \\uDBFF", "headline", "unpaired surrogate");
        refused("reversed \\uDC00\\uD800 pair", "headline", "unpaired surrogate");
        refused("bell \\u0007", "headline", "control characters");
        refused("nul \\u0000", "headline", "control characters");
    }

    @Test
    void everyCharacterXmlAllowsIsAccepted() throws Exception {
        // The edges of XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
        String edges = "\t\n\r \uD7FF\uE000\uFFFD" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF));
        String json = MAPPER.writeValueAsString(new Draft(edges, List.of()));
        assertEquals(edges, read(json).headline());

        assertEquals("晋江市台风 🌀 预警", read("{\"headline\": \"晋江市台风 \\uD83C\\uDF00 预警\", \"notes\": []}")
                .headline());
        assertEquals("晋江市台风 🌀 预警", read("{\"headline\": \"晋江市台风 🌀 预警\", \"notes\": []}").headline());
    }

    @Test
    void theRuleItselfNamesTheFirstForbiddenCharacter() {
        assertEquals(null, TextDeserializer.problemWith("安海镇\t内涝 😊\nRoad flooded"));
        assertTrue(TextDeserializer.problemWith("ab\uFFFE").contains("position 2"));
        assertTrue(TextDeserializer.problemWith("ab\uFFFF").contains("U+FFFF"));
        assertTrue(TextDeserializer.problemWith("\uD83C").contains("unpaired surrogate"));
    }
}
