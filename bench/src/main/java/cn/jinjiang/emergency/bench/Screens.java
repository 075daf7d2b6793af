package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Many screens on the live feed, with one place to send what they receive. */
final class Screens implements AutoCloseable {

    /** One HTTP client (one selector thread) per this many screens: a client each would mean hundreds of threads. */
    private static final int SCREENS_PER_CLIENT = 50;
    /** Connected this many at a time, so two hundred upgrades (each a JWT check) do not all land at once. */
    private static final int CONNECT_BATCH = 20;

    private final ExecutorService executor = Executors.newFixedThreadPool(3, Daemon.threads("screens"));
    private final List<Screen> screens = new ArrayList<>();
    private volatile Screen.Messages messages = (screen, message, arrival) -> { };

    private Screens() {
    }

    static Screens connect(Stack stack, int count, boolean reconnect, Duration timeout) throws Exception {
        return connect(stack, count, reconnect, false, timeout);
    }

    /** {@code resume}: screens that reconnect ask to resume from their last position, as the operator page does. */
    static Screens connect(Stack stack, int count, boolean reconnect, boolean resume, Duration timeout)
            throws Exception {
        Screens all = new Screens();
        HttpClient client = null;
        for (int i = 0; i < count; i++) {
            if (i % SCREENS_PER_CLIENT == 0) {
                client = HttpClient.newBuilder().executor(all.executor).build();
            }
            // A user of its own per screen: the gateway bounds how many screens one user may open.
            all.screens.add(new Screen(i, stack.screens(), BenchTokens.viewer("screen-" + i), client, all::dispatch,
                    reconnect, resume));
        }
        for (int from = 0; from < count; from += CONNECT_BATCH) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (Screen screen : all.screens.subList(from, Math.min(count, from + CONNECT_BATCH))) {
                batch.add(screen.open());
            }
            try {
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                all.close();
                throw new IllegalStateException("screens could not connect to the gateway (" + from + " of " + count
                        + " connected): " + e, e);
            }
        }
        return all;
    }

    /** Where messages go from now on; each stage installs its own recorder. */
    void deliverTo(Screen.Messages recorder) {
        this.messages = recorder;
    }

    private void dispatch(Screen screen, JsonNode message, long arrival) {
        messages.received(screen, message, arrival);
    }

    List<Screen> all() {
        return screens;
    }

    int count() {
        return screens.size();
    }

    long stayedConnected() {
        return screens.stream().filter(Screen::stayedConnected).count();
    }

    long drops() {
        return screens.stream().mapToLong(Screen::drops).sum();
    }

    @Override
    public void close() {
        screens.forEach(Screen::close);
        try {
            Thread.sleep(500); // lets the close frames out before the threads go
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
