package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A screen joining at a shared snapshot is handed the changes after it, or told they are no longer all kept. */
class RecentChangesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private static PreparedChange numbered(long number) {
        return new PreparedChange(new PictureChange(new Source("incident-events", 0, number), UUID.randomUUID(),
                "incident.updated", OffsetDateTime.now(), List.of()), number, Position.START, MAPPER);
    }

    @Test
    void handsTheChangesAfterANumberWhileTheFirstOfThemIsKept() {
        RecentChanges recent = new RecentChanges(3);
        assertEquals(List.of(), recent.after(0), "none handed over yet");
        for (long number = 1; number <= 5; number++) {
            recent.add(numbered(number));
        }
        assertEquals(List.of(4L, 5L), recent.after(3).stream().map(PreparedChange::number).toList());
        assertEquals(List.of(3L, 4L, 5L), recent.after(2).stream().map(PreparedChange::number).toList());
        assertEquals(List.of(), recent.after(5), "nothing after the last");
        assertNull(recent.after(1), "change 2 is no longer kept: the screen needs a snapshot of its own");
    }
}
