package cn.jinjiang.emergency.shared.problem;

import cn.jinjiang.emergency.shared.security.RequestPrincipals;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Refuses requests over the size limits (request line, headers, declared body) with problem+json, before anything
 * reads them. The HTTP server's own refusals (414, 431, 413) have no body; its limits are set higher
 * (microprofile-config.properties), so they only catch what is far beyond these. A body that does not arrive in time
 * is answered 408 ({@link BodyDeadline}).
 * <p>
 * Also sheds load: beyond {@code emergency.http.max-in-flight} API requests at once, or beyond
 * {@code emergency.http.max-in-flight-per-principal} of one principal ({@link RequestPrincipals}), a request is
 * answered 503 with Retry-After at once instead of queueing ({@link RequestSlots}). Without it, offered load above
 * what the database can take queued without bound until the heap ran out (a B1 run at 500 reports/s ended in
 * OutOfMemoryError with transactions left open); a field device retries a 503, as it does when the database is away.
 */
@ApplicationScoped
public class RequestLimits {

    private final long maxBodyBytes;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final RequestSlots slots;
    private final BodyDeadline bodyDeadline;
    private final RequestPrincipals principals;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                         HttpLimits limits, RequestPrincipals principals) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxUriLength = limits.maxUriLength();
        this.maxHeaderBytes = (int) limits.maxHeaderSize().asLongValue();
        this.slots = new RequestSlots(limits.maxInFlight(), limits.maxInFlightPerPrincipal());
        this.bodyDeadline = new BodyDeadline(limits.bodyTimeout());
        this.principals = principals;
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
        } else {
            bodyDeadline.watch(context);
            if (context.normalizedPath().startsWith("/api/")) {
                admit(context);
            } else {
                context.next();
            }
        }
    }

    /** Counts the request until its response ends or its connection closes, or sheds it when too many are open. */
    private void admit(RoutingContext context) {
        String principal = principals.of(context.request());
        switch (slots.take(principal)) {
            case ADMITTED -> {
                context.addEndHandler(ended -> slots.release(principal));
                context.next();
            }
            case PRINCIPAL_FULL -> shed(context, "This caller already has " + slots.perPrincipal()
                    + " requests open, as many as one caller may; nothing was changed. Retry when one is answered.");
            case SERVICE_FULL -> shed(context, "The service is at capacity; nothing was changed. Retry shortly.");
        }
    }

    /** The connection stays open: the client is healthy and will retry on it. */
    private static void shed(RoutingContext context, String detail) {
        context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        RawProblem.send(context.response(), 503, "Service Unavailable", detail);
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
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        RawProblem.send(context.response(), status, title, detail);
    }
}
