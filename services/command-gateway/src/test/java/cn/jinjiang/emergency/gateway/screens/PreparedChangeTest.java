package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A change moves each screen's position once, whatever the screens share. */
class PreparedChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void screensAtOnePositionShareTheStepAndOthersGetTheirOwn() {
        PreparedChange change = new PreparedChange(new PictureChange(new Source("incident-events", 1, 7),
                UUID.randomUUID(), "incident.updated", OffsetDateTime.now(), List.of()), 3, MAPPER);
        Position joined = Position.of(Map.of("incident-events/1", 5L, "dispatch-events/0", 2L));
        Position moved = change.positionAfter(joined);
        assertEquals("dispatch-events/0=2,incident-events/1=8", moved.token());
        assertSame(moved, change.positionAfter(joined), "the same position takes the same step");

        Position elsewhere = Position.of(Map.of("incident-events/1", 9L));
        assertSame(elsewhere, change.positionAfter(elsewhere), "already past the change: unmoved");
        Position other = Position.of(Map.of("incident-events/1", 5L, "dispatch-events/0", 2L));
        assertEquals(moved, change.positionAfter(other), "an equal position of its own moves alike");
    }
}
