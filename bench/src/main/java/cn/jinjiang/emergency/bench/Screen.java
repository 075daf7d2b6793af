package cn.jinjiang.emergency.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One command-centre screen on the gateway's live feed. It passes its token as a subprotocol, as a browser must, and
 * may reconnect after a drop the way a screen in the command centre would: with its last position ({@code ?from=}),
 * so that the gateway (the same instance or another) replays what it missed, or, when told to, with a fresh snapshot.
 */
final class Screen implements WebSocket.Listener {

    interface Messages {
        /** Called on the screen's WebSocket thread, one message after another. */
        void received(Screen screen, JsonNode message, long arrivalNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int number;
    private final URI uri;
    private final String token;
    private final HttpClient client;
    private final Messages messages;
    private final boolean reconnect;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> firstSnapshot = new CompletableFuture<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile WebSocket socket;
    private static final String SNAPSHOT = "{\"kind\":\"snapshot\"";
    private volatile Set<String> lastSnapshotIncidents;
    private volatile boolean closing;
    private final boolean resume;
    /** Where the screen stands: the position of the last message it read, handed back when it reconnects. */
    private volatile String position;
    private final AtomicInteger resumes = new AtomicInteger();
    private final AtomicInteger refusedResumes = new AtomicInteger();
    private volatile boolean resuming;

    Screen(int number, URI uri, String token, HttpClient client, Messages messages, boolean reconnect) {
        this(number, uri, token, client, messages, reconnect, false);
    }

    /** {@code resume}: a reconnection asks to resume from the last position instead of for a snapshot. */
    Screen(int number, URI uri, String token, HttpClient client, Messages messages, boolean reconnect,
            boolean resume) {
        this.resume = resume;
        this.number = number;
        this.uri = uri;
        this.token = token;
        this.client = client;
        this.messages = messages;
        this.reconnect = reconnect;
    }

    /** Completes once the first snapshot is in: the upgrade was accepted and the screen is subscribed. */
    CompletableFuture<Void> open() {
        connect();
        return firstSnapshot;
    }

    private void connect() {
        if (closing) {
            return;
        }
        String from = resume ? position : null;
        resuming = from != null;
        URI target = from == null ? uri
                : URI.create(uri + (uri.getQuery() == null ? "?" : "&") + "from="
                        + URLEncoder.encode(from, StandardCharsets.UTF_8));
        client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .subprotocols("bearer-token-carrier", URLEncoder.encode(
                        "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .buildAsync(target, this)
                .whenComplete((opened, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    if (reconnect) {
                        retryLater();
                    } else {
                        firstSnapshot.completeExceptionally(failure);
                    }
                });
    }

    private void retryLater() {
        // Once a second, like a screen's reconnect loop; the gateway may be down for a minute.
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::connect);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        partial.setLength(0);
        sessions.incrementAndGet();
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            // Taken before parsing, so the harness's own JSON work is not counted against the system.
            long arrival = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            if (text.length() > 1 << 16) {
                // A builder that held a snapshot keeps its capacity: give it back, not megabytes per screen.
                partial.trimToSize();
            }
            if (text.startsWith(SNAPSHOT)) {
                if (resuming) {
                    refusedResumes.incrementAndGet(); // a snapshot instead of the replay: too far behind, or unknown
                    resuming = false;
                }
                // A snapshot is the whole picture (tens of megabytes after a long benchmark): only the incidents'
                // ids are kept, read as a stream, never as a tree per screen.
                Set<String> ids = snapshotIncidentIds(text);
                if (ids != null) {
                    lastSnapshotIncidents = ids;
                    firstSnapshot.complete(null);
                }
            } else {
                JsonNode message = parse(text);
                if (message != null) {
                    position = message.path("position").asText(position);
                    if ("resumed".equals(message.path("kind").asText())) {
                        resumes.incrementAndGet();
                        resuming = false;
                    }
                    messages.received(this, message, arrival);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        dropped();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dropped();
    }

    private void dropped() {
        if (closing) {
            return;
        }
        drops.incrementAndGet();
        if (reconnect) {
            retryLater();
        }
    }

    private Set<String> snapshotIncidentIds(String text) {
        Set<String> ids = new HashSet<>();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("position".equals(field)) {
                    position = parser.getText();
                    continue;
                }
                if (!"incidents".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if ("id".equals(name)) {
                            ids.add(parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            return ids;
        } catch (IOException e) {
            System.err.println("screen: unreadable snapshot: " + e.getMessage());
            return null;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            System.err.println("screen: unreadable message: " + e.getMessage());
            return null;
        }
    }

    int number() {
        return number;
    }

    /** Connected once and never dropped: every change must have reached it exactly once. */
    boolean stayedConnected() {
        return sessions.get() == 1 && drops.get() == 0;
    }

    int drops() {
        return drops.get();
    }

    /** Reconnections that resumed from the screen's position (the gateway replayed what it had missed). */
    int resumes() {
        return resumes.get();
    }

    /** Reconnections that asked to resume but were given a snapshot instead. */
    int refusedResumes() {
        return refusedResumes.get();
    }

    /** Dropped at least once, and every reconnection resumed: it must hold every change exactly once. */
    boolean resumedEveryTime() {
        return drops.get() > 0 && refusedResumes.get() == 0 && resumes.get() == drops.get();
    }

    /** The ids of the incidents in the latest snapshot, or null before the first. */
    Set<String> lastSnapshotIncidents() {
        return lastSnapshotIncidents;
    }

    void close() {
        closing = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ignored, failure) -> current.abort());
        }
    }
}
