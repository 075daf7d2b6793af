package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Takes incidents closed longer than {@code closed-retention} off the picture, periodically: from the database and
 * from memory, and the picture hands its listeners the removal (screens that could see one are sent it). Without it
 * every incident ever reported, with its whole report chain and allocations, stays in memory and is loaded at every
 * start. The pass runs between the writer's batches, so no batch that read an incident before it left writes it back.
 */
@ApplicationScoped
public class ClosedIncidentRetention {

    private static final Logger LOG = Logger.getLogger(ClosedIncidentRetention.class);

    private final PictureWriter writer;
    private final Picture picture;
    private final PictureStore store;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ClosedIncidentRetention(PictureWriter writer, Picture picture, PictureStore store, GatewayConfig config,
                                   Vertx vertx) {
        this.writer = writer;
        this.picture = picture;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.closedCheckEvery().toMillis(), tick -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            pass().subscribe().with(
                    expired -> {
                        running.set(false);
                        if (expired > 0) {
                            LOG.infof("%d incidents closed longer than %s left the picture", expired,
                                    config.closedRetention());
                        }
                    },
                    failure -> {
                        running.set(false);
                        LOG.warnf("Taking closed incidents off the picture failed, will try again: %s", failure);
                    });
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass; returns how many incidents left the picture. */
    Uni<Integer> pass() {
        int[] expired = {0};
        return writer.exclusively(() -> {
            List<PictureItem> gone = PictureRetention.expiring(picture.items(item -> true), Instant.now(),
                    config.closedRetention());
            if (gone.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Set<UUID> ids = gone.stream().map(PictureItem::incidentId).collect(Collectors.toSet());
            // An incident's allocations and mutual-aid requests are items of their own and go with it.
            List<PictureItem> under = picture.items(item -> item.kind().goesWithIncident()
                    && ids.contains(item.incidentId()));
            Position at = picture.position();
            return store.expire(gone, under, at).invoke(() -> {
                picture.expire(gone, under);
                expired[0] = gone.size();
            });
        }).map(done -> expired[0]);
    }
}
