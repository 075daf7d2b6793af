package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Loads the stored picture before anything is read from the topics, and purges its change log past retention. */
@ApplicationScoped
public class PictureStartup {

    private static final Logger LOG = Logger.getLogger(PictureStartup.class);

    private final Picture picture;
    private final PictureStore store;
    private final GatewayConfig config;
    private final Vertx vertx;
    private long purgeTimer = -1;

    public PictureStartup(Picture picture, PictureStore store, GatewayConfig config, Vertx vertx) {
        this.picture = picture;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void load(@Observes StartupEvent started) {
        if (config.rebuildAtStart()) {
            // The rebuild: an empty picture at position zero, which the ordinary consumers fill from the topics.
            LOG.info("Rebuilding the picture from the start of the topics");
            store.clear().await().atMost(Duration.ofMinutes(1));
        }
        PictureStore.Stored stored = store.load().await().atMost(Duration.ofMinutes(1));
        picture.load(stored.items(), stored.position(), stored.lastSeq(), stored.expired(), stored.expiredAt());
        LOG.infof("Picture loaded: %d items at %s", stored.items().size(), stored.position());
        purgeTimer = vertx.setPeriodic(config.changeLog().purgeInterval().toMillis(), tick -> store
                .purge(config.changeLog().retention()).subscribe().with(
                        purged -> {
                            if (purged > 0) {
                                LOG.infof("Purged %d changes older than %s", purged, config.changeLog().retention());
                            }
                        },
                        failure -> LOG.warnf("Purging the change log failed, will try again: %s", failure)));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
    }
}
