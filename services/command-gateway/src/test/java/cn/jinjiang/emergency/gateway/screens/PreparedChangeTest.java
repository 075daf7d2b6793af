package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.contract.Grade;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change's message is made once per filter and names the change shown to that filter before it, so every screen
 * with the filter is written the same bytes and can still tell it missed one.
 */
class PreparedChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final String ANHAI = "350582100000";
    private static final String DONGSHI = "350582104000";

    @Test
    void eachFilterGetsOneMessageWhosePrevIsTheChangeShownToItBefore() throws Exception {
        FilterStream anhai = new FilterStream(area(ANHAI));
        FilterStream dongshi = new FilterStream(area(DONGSHI));

        PreparedChange first = change(1, 10, ANHAI);
        assertTrue(first.prepareFor(anhai));
        assertFalse(first.prepareFor(dongshi), "nothing of Anhai is shown to Dongshi");
        PreparedChange second = change(2, 11, DONGSHI);
        second.prepareFor(anhai);
        second.prepareFor(dongshi);
        PreparedChange third = change(3, 12, ANHAI);
        third.prepareFor(anhai);
        third.prepareFor(dongshi);

        assertSame(third.messageFor(anhai), third.messageFor(anhai), "made once, the same bytes for every screen");
        assertNull(third.messageFor(dongshi));
        JsonNode message = MAPPER.readTree(third.messageFor(anhai).bytes());
        assertEquals(3, message.path("seq").asLong());
        assertEquals(1, message.path("prev").asLong(), "the change shown to Anhai before it, not the one to Dongshi");
        assertEquals("incident-events/0=13", message.path("position").asText(), "the picture's position with it");
        assertEquals(0, MAPPER.readTree(second.messageFor(dongshi).bytes()).path("prev").asLong());
    }

    @Test
    void aStreamThatCameAfterTheHandOverClaimsNoChangeBeforeAndStillMovesOn() throws Exception {
        FilterStream late = new FilterStream(area(ANHAI));
        PreparedChange handedOver = change(5, 20, ANHAI);
        // A screen joining at a snapshot from before this change is handed it from the recent ones.
        assertEquals(0, MAPPER.readTree(handedOver.messageFor(late).bytes()).path("prev").asLong());
        handedOver.prepareFor(late);
        PreparedChange next = change(6, 21, ANHAI);
        next.prepareFor(late);
        assertEquals(5, MAPPER.readTree(next.messageFor(late).bytes()).path("prev").asLong());
    }

    @Test
    void aChangeReadBackFromTheLogIsWrittenForTheScreenWithoutANumber() throws Exception {
        PreparedChange replayed = new PreparedChange(picture(30, ANHAI), MAPPER);
        Position reached = Position.of(Map.of("incident-events/0", 31L, "dispatch-events/0", 2L));
        JsonNode message = MAPPER.readTree(replayed.replayedFor(area(ANHAI), reached).bytes());
        assertFalse(message.has("seq"));
        assertFalse(message.has("prev"));
        assertEquals(reached.token(), message.path("position").asText());
        assertNull(replayed.replayedFor(area(DONGSHI), reached));
    }

    private static ScreenFilter area(String area) {
        return ScreenFilter.of(null, name -> "area".equals(name) ? area : null);
    }

    private static PreparedChange change(long number, long offset, String area) {
        return new PreparedChange(picture(offset, area), number,
                Position.of(Map.of("incident-events/0", offset + 1)), MAPPER);
    }

    private static PictureChange picture(long offset, String area) {
        UUID incident = UUID.randomUUID();
        PictureItem item = new PictureItem(ItemKind.INCIDENT, incident.toString(), incident, List.of(area),
                Grade.IV, MAPPER.createObjectNode().put("id", incident.toString()).put("title", "Flooded underpass"));
        return new PictureChange(new Source("incident-events", 0, offset), UUID.randomUUID(), "incident.reported",
                OffsetDateTime.now(), List.of(item));
    }
}
