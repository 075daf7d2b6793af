package cn.jinjiang.emergency.gateway.screens;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Screens join in turns: a few snapshots on their way at once, the rest waiting, none waiting for ever. */
class SnapshotTurnsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theOthersWaitUntilATurnIsOverAndEachTurnEndsOnce() {
        SnapshotTurns turns = new SnapshotTurns(2, 60_000, vertx);
        List<SnapshotTurns.Turn> running = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            turns.take(running::add);
        }
        assertEquals(2, running.size());
        assertEquals(3, turns.waiting());

        running.get(0).over();
        running.get(0).over();
        assertEquals(3, running.size(), "one turn over lets exactly one more in, however often it is ended");
        assertEquals(2, turns.waiting());

        running.get(1).over();
        running.get(2).over();
        running.get(3).over();
        assertEquals(5, running.size());
        assertEquals(0, turns.waiting());
        running.get(4).over();
        turns.take(running::add);
        assertEquals(6, running.size(), "with every turn over, the next joins at once");
    }

    @Test
    void aTurnNobodyEndsEndsByItselfSoAScreenThatNeverReadsKeepsNobodyWaiting() throws InterruptedException {
        SnapshotTurns turns = new SnapshotTurns(1, 200, vertx);
        CountDownLatch second = new CountDownLatch(1);
        long start = System.nanoTime();
        turns.take(neverEnded -> { });
        turns.take(turn -> second.countDown());
        assertTrue(second.await(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "not before the longest turn");
    }
}
