package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duty officer in Anhai posting first reports to incident-intake, as the README's curl example does. */
final class IntakeClient implements AutoCloseable {

    /** What came back for one report; {@code outcome} is the status code or the kind of failure. */
    record Answer(String outcome, int status, String incidentId, boolean problemJson, long answeredNanos) {
        boolean accepted() {
            return status == 201 && incidentId != null;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, Daemon.threads("intake-client"));
    // HTTP/1.1 on purpose: the default (HTTP/2) would first try an h2c upgrade, which no browser or field client does.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private static final String ANHAI = "350582100000";
    private static final AtomicInteger SENDERS = new AtomicInteger();
    private final URI endpoint;
    private final List<String> tokens;
    private final AtomicInteger sent = new AtomicInteger();
    private final Duration timeout;
    private final boolean keyed;

    IntakeClient(Stack stack, Duration timeout) {
        this(stack, timeout, false);
    }

    /**
     * {@code keyed}: every report carries an Idempotency-Key of its own, as a field client's does so that it (or a
     * load balancer) may send it again when the answer was lost. The benchmarks send none, so their figures stay
     * comparable with the earlier ones; the fault runs send them.
     */
    IntakeClient(Stack stack, Duration timeout, boolean keyed) {
        this.endpoint = stack.service("incident-intake", "/api/incidents");
        // Duty officers of Anhai like stack.officerToken(), but users of their own per sender, and the sender's
        // reports spread over several of them (an open load has many in flight): limits per user meet what one
        // officer's phone would send, not the whole harness's load.
        this.tokens = BenchTokens.callers("duty-officer", ANHAI, "sender-" + SENDERS.incrementAndGet());
        this.timeout = timeout;
        this.keyed = keyed;
    }

    CompletableFuture<Answer> report(String title) {
        // A realistic first report (casualties and loss present) so the stored row and event have their usual size.
        String body = """
                {"type":"WATERLOGGING","title":"%s","location":{"latitude":24.7189,"longitude":118.4601},\
                "areaCode":"350582100000","occurredAt":"%s",\
                "casualties":{"deaths":0,"seriousInjuries":1,"minorInjuries":3,"missing":0},"directLossCny":250000}"""
                .formatted(title, OffsetDateTime.now(CHINA).minusMinutes(1).withNano(0));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + nextToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (keyed) {
            request.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null ? answer(response) : failed(failure));
    }

    private String nextToken() {
        return tokens.get(Math.floorMod(sent.getAndIncrement(), tokens.size()));
    }

    private static Answer answer(HttpResponse<String> response) {
        long now = System.nanoTime();
        String id = null;
        if (response.statusCode() == 201) {
            Matcher matcher = ID.matcher(response.body());
            id = matcher.find() ? matcher.group(1) : null;
        }
        boolean problem = response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json");
        // Shedding load means telling the client when to come back: a 503 without Retry-After is counted apart.
        String outcome = response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()
                ? "503 without Retry-After" : Integer.toString(response.statusCode());
        return new Answer(outcome, response.statusCode(), id, problem, now);
    }

    private static Answer failed(Throwable failure) {
        long now = System.nanoTime();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String outcome;
        if (cause instanceof HttpTimeoutException) {
            outcome = "no answer (timeout)";
        } else if (cause instanceof ConnectException) {
            outcome = "connection refused";
        } else if (cause instanceof IOException) {
            outcome = "I/O error (" + cause.getClass().getSimpleName() + ")";
        } else {
            outcome = "client error (" + cause + ")";
        }
        return new Answer(outcome, 0, null, false, now);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
