package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.shared.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many reads of the whole picture run at once ({@code picture-reads.max-concurrent}). A read builds its
 * page and its JSON in memory; a hundred at once ran the server out of direct buffer memory (500s) and held a small
 * poll up for 22 s. One over the bound is answered at once, 503 with Retry-After, instead of queueing.
 */
@ApplicationScoped
public class PictureReads {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;

    public PictureReads(GatewayConfig config) {
        this.permits = new Semaphore(config.pictureReads().maxConcurrent());
    }

    /** @throws WebApplicationException answered 503 with Retry-After when the bound is reached */
    <T> T read(Supplier<T> read) {
        if (!permits.tryAcquire()) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                            "Too many reads of the picture at once; retry shortly, or follow the live feed."))
                    .build());
        }
        try {
            return read.get();
        } finally {
            permits.release();
        }
    }
}
