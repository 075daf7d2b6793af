package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loads the stored picture before anything is read from the topics, and purges its change log past retention. */
@ApplicationScoped
public class PictureStartup {

    private static final Logger LOG = Logger.getLogger(PictureStartup.class);

    private final Picture picture;
    private final PictureStore store;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final Projection projection;
    private long purgeTimer = -1;

    public PictureStartup(Picture picture, PictureStore store, GatewayConfig config, Vertx vertx,
                          Projection projection) {
        this.picture = picture;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
        this.projection = projection;
    }

    void load(@Observes StartupEvent started) {
        if (config.rebuildAtStart()) {
            // The rebuild: an empty picture at position zero, which the ordinary consumers fill from the topics.
            LOG.info("Rebuilding the picture from the start of the topics");
            store.clear().await().atMost(Duration.ofMinutes(1));
        }
        PictureStore.Stored stored = store.load().await().atMost(Duration.ofMinutes(1));
        List<PictureItem> items = bounded(stored.items());
        picture.load(items, stored.position(), stored.lastSeq(), stored.expired(), stored.expiredAt());
        LOG.infof("Picture loaded: %d items at %s", items.size(), stored.position());
        purgeTimer = vertx.setPeriodic(config.changeLog().purgeInterval().toMillis(), tick -> store
                .purge(config.changeLog().retention()).subscribe().with(
                        purged -> {
                            if (purged > 0) {
                                LOG.infof("Purged %d changes older than %s", purged, config.changeLog().retention());
                            }
                        },
                        failure -> LOG.warnf("Purging the change log failed, will try again: %s", failure)));
    }

    /**
     * The stored items within the bounds every change now keeps to. A gateway before them stored an incident's whole
     * report chain in its item (2.9 MB after 6,500 follow-ups): left as it was, each next change of the incident would
     * write it whole again. Trimmed here once, and the trimmed items stored, so a restart recovers by itself.
     */
    private List<PictureItem> bounded(List<PictureItem> stored) {
        List<PictureItem> items = new ArrayList<>(stored.size());
        List<PictureItem> trimmed = new ArrayList<>();
        for (PictureItem item : stored) {
            PictureItem bounded = projection.bounded(item);
            items.add(bounded);
            if (bounded != item) {
                trimmed.add(bounded);
            }
        }
        if (!trimmed.isEmpty()) {
            store.rewrite(trimmed).await().atMost(Duration.ofMinutes(1));
            LOG.infof("%d stored incidents were larger than the bounds and were trimmed", trimmed.size());
        }
        return items;
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
    }
}
