package cn.jinjiang.emergency.shared.problem;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** A problem+json answer written straight to the response, for refusals given before a request reaches JAX-RS. */
final class RawProblem {

    private RawProblem() {
    }

    static Future<Void> send(HttpServerResponse response, int status, String title, String detail) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
