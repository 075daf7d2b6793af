package cn.jinjiang.emergency.it;

import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The gateway's operator page in headless Chromium (Debian package {@code chromium}), driven over the DevTools
 * protocol: the page lives in real time (its WebSocket, its snapshot), so the test waits for what it must show
 * rather than for a fixed budget, then keeps a screenshot.
 */
final class OperatorPage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket devtools;

    private OperatorPage(Process browser) {
        this.browser = browser;
    }

    static OperatorPage open(String url) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process browser = new ProcessBuilder(browser(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--remote-debugging-port=" + port, "--remote-allow-origins=*",
                "--user-data-dir=" + Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-"),
                "--window-size=1400,1100", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/it-logs/chromium.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        String target = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (target == null && Instant.now().isBefore(deadline)) {
            try {
                JsonNode pages = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode page : pages) {
                    if ("page".equals(page.path("type").asText())) {
                        target = page.path("webSocketDebuggerUrl").asText();
                    }
                }
            } catch (IOException starting) {
                Thread.sleep(250);
            }
        }
        if (target == null) {
            browser.destroyForcibly();
            throw new IllegalStateException("Chromium's DevTools did not answer on port " + port);
        }
        OperatorPage page = new OperatorPage(browser);
        page.devtools = http.newWebSocketBuilder().buildAsync(URI.create(target), page.listener()).join();
        page.call("Page.navigate", Map.of("url", url));
        return page;
    }

    /** Waits until the page's markup satisfies {@code shown}; returns that markup. */
    String await(Predicate<String> shown, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String html = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode result = call("Runtime.evaluate", Map.of("expression", "document.documentElement.outerHTML",
                    "returnByValue", true));
            html = result.path("result").path("value").asText("");
            if (shown.test(html)) {
                return html;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the page did not show it within " + timeout + "; it shows: " + html);
    }

    /** The value of a JavaScript expression evaluated in the page, e.g. what some of its elements show. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page (a change may take a moment to reach it). */
    void awaitTrue(String expression, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (evaluate(expression).asBoolean(false)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the page did not show it within " + timeout + ": " + expression);
    }

    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        devtools.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .join();
        JsonNode message = answer.get(30, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + ": " + message.get("error"));
        }
        return message.path("result");
    }

    private WebSocket.Listener listener() {
        StringBuilder partial = new StringBuilder();
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        JsonNode message = JSON.readTree(partial.toString());
                        CompletableFuture<JsonNode> answer = answers.remove(message.path("id").asInt(-1));
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } catch (IOException ignored) {
                        // Not an answer of ours.
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    @Override
    public void close() {
        if (devtools != null) {
            devtools.abort();
        }
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String browser() throws IOException {
        Optional<String> found = installedBrowser();
        if (found.isEmpty()) {
            // A fresh machine: the project's own scripts install what it needs, as they do PostgreSQL.
            try {
                new ProcessBuilder("bash", "-c", "source deploy/local/lib/common.sh && require_cmd chromium chromium")
                        .directory(RepositoryRoot.get().toFile()).inheritIO().start().waitFor(600, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            found = installedBrowser();
        }
        return found.orElseThrow(() -> new IllegalStateException("no Chromium: install the Debian package chromium"));
    }

    private static Optional<String> installedBrowser() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(candidate -> Files.isExecutable(Path.of(candidate))).findFirst();
    }
}
