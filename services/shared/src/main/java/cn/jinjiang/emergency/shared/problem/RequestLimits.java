package cn.jinjiang.emergency.shared.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses requests over the size limits (request line, headers, declared body) with problem+json, before anything
 * reads them. The HTTP server's own refusals (414, 431, 413) have no body; its limits are set higher
 * (microprofile-config.properties), so they only catch what is far beyond these.
 * <p>
 * Also sheds load: beyond {@code emergency.http.max-in-flight} API requests at once, a request is answered 503 with
 * Retry-After at once instead of queueing. Without it, offered load above what the database can take queued without
 * bound until the heap ran out (a B1 run at 500 reports/s ended in OutOfMemoryError with transactions left open); a
 * field device retries a 503, as it does when the database is away.
 */
@ApplicationScoped
public class RequestLimits {

    private final long maxBodyBytes;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                         @ConfigProperty(name = "emergency.http.max-uri-length", defaultValue = "4096") int maxUriLength,
                         @ConfigProperty(name = "emergency.http.max-header-size", defaultValue = "20K")
                         MemorySize maxHeaders,
                         @ConfigProperty(name = "emergency.http.max-in-flight", defaultValue = "256") int maxInFlight) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = (int) maxHeaders.asLongValue();
        this.maxInFlight = maxInFlight;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUriLength) {
            refuse(context, 414, "URI Too Long", "The request URI is longer than " + maxUriLength + " characters.");
        } else if (headerBytes(request) > maxHeaderBytes) {
            refuse(context, 431, "Request Header Fields Too Large",
                    "The request headers are larger than " + maxHeaderBytes + " bytes.");
        } else if (declaredBodyOver(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            refuse(context, 413, "Content Too Large",
                    "The request body is larger than the " + maxBodyBytes + " bytes this service accepts.");
        } else if (context.normalizedPath().startsWith("/api/")) {
            admit(context);
        } else {
            context.next();
        }
    }

    /** Counts the request until its response ends or its connection closes, or sheds it when too many are open. */
    private void admit(RoutingContext context) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            // The connection stays open: the client is healthy and will retry on it.
            context.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"The service is at capacity; nothing was changed. Retry shortly.\"}");
            return;
        }
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private boolean declaredBodyOver(String declared) {
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }
}
