package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.contract.Grade;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What counts against a screen's backlog, on one {@link Screen} with a socket that writes only when the test says
 * (the gateway's feed tests cover the same over real WebSockets, where a snapshot is written too fast to be caught).
 */
class ScreenBacklogTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** No time may pass before a message counts as late, and little may wait: only the snapshot's exemption helps. */
    private static final Screen.Limits STRICT = new Screen.Limits(0, 1_000, 10, 0);

    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final Screen screen = new Screen(connection(), this::write, null,
            new FilterStream(ScreenFilter.everything(null)), STRICT, resyncs::incrementAndGet);

    @Test
    void aSnapshotLargerThanTheBoundsDoesNotResyncTheScreenThatJoinsWithIt() {
        screen.joinFrom(Position.START, 0);
        screen.replay(List.of(), "{\"kind\":\"snapshot\",\"seq\":0,\"pad\":\"" + "x".repeat(1_000_000) + "\"}",
                null);

        screen.offer(change(1));
        screen.offer(change(2));

        assertEquals(0, resyncs.get(), "resynced while its snapshot was being written");
        assertEquals(3, sent.size());
        assertTrue(sent.get(2).contains("\"seq\":2,\"prev\":0"), sent.get(2));
    }

    @Test
    void whatFollowsTheSnapshotStillCountsAgainstTheBound() {
        screen.joinFrom(Position.START, 0);
        screen.replay(List.of(), "{\"kind\":\"snapshot\",\"seq\":0,\"pad\":\"" + "x".repeat(1_000_000) + "\"}",
                null);
        long offset = 1;
        while (resyncs.get() == 0 && offset < 100) {
            screen.offer(change(offset++));
        }
        assertEquals(1, resyncs.get(), "never resynced with the changes after its snapshot piling up");
        assertTrue(sent.get(sent.size() - 1).contains("\"resync\""));
        assertTrue(offset > 3, "resynced after only " + (offset - 1) + " changes");
    }

    @Test
    void onceTheSnapshotIsWrittenALateChangeResyncsAsBefore() {
        screen.joinFrom(Position.START, 0);
        screen.replay(List.of(), "{\"kind\":\"snapshot\",\"seq\":0}", null);
        writes.get(0).complete(null);

        screen.offer(change(1));
        screen.offer(change(2));

        assertEquals(1, resyncs.get(), "a change left unwritten past maxLag (0) must resync the screen");
    }

    private static PreparedChange change(long offset) {
        UUID incident = UUID.randomUUID();
        PictureItem item = new PictureItem(ItemKind.INCIDENT, incident.toString(), incident, List.of("350582100000"),
                Grade.IV, JSON.createObjectNode().put("id", incident.toString()).put("title", "Flooded underpass"));
        return new PreparedChange(new PictureChange(new Source("incident-events", 0, offset), UUID.randomUUID(),
                "incident.reported", OffsetDateTime.now(), List.of(item)), offset,
                Position.of(Map.of("incident-events/0", offset + 1)), JSON);
    }

    /** A socket whose writes complete only when the test completes them. */
    private void write(ScreenText message, Runnable done) {
        CompletableFuture<Void> write = new CompletableFuture<>();
        write.whenComplete((ok, failure) -> done.run());
        writes.add(write);
        sent.add(message.text());
    }

    private WebSocketConnection connection() {
        return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "id" -> "screen-under-test";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "screen-under-test";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
