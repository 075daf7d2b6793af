package cn.jinjiang.emergency.shared.problem;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * A request's body must have arrived within {@code emergency.http.body-timeout} of its headers; otherwise it is
 * answered 408 and its connection closed, which ends the request and so frees its slot ({@link RequestSlots}). Without
 * it, a request whose body never came (a dropped mobile link, or a client doing it on purpose) held its slot for as
 * long as the client kept the socket open: 256 of them made a service answer everybody else 503.
 * <p>
 * Only whether the body has fully arrived is watched, not how long the service takes to answer: a request waiting for
 * the database is not cut off.
 */
final class BodyDeadline {

    private final Duration timeout;

    BodyDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded() || !declaresBody(request)) {
            return;
        }
        Vertx vertx = context.vertx();
        long timer = vertx.setTimer(timeout.toMillis(), fired -> expire(request, context.response()));
        context.addEndHandler(ended -> {
            // Answered early (a 401, a shed 503) with the body still missing: the deadline still closes the
            // connection, which would otherwise wait for that body.
            if (request.isEnded() || ended.failed()) {
                vertx.cancelTimer(timer);
            }
        });
    }

    private void expire(HttpServerRequest request, HttpServerResponse response) {
        if (request.isEnded()) {
            return;
        }
        if (response.ended() || response.headWritten() || response.closed()) {
            request.connection().close();
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        RawProblem.send(response, 408, "Request Timeout", "The request body did not arrive within "
                        + readable(timeout) + " of its headers; nothing was changed.")
                .onComplete(sent -> request.connection().close());
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static boolean declaresBody(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException e) {
            // Not a length: the HTTP server refuses the request itself.
            return false;
        }
    }
}
