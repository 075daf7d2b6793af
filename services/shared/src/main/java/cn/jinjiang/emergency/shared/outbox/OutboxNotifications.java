package cn.jinjiang.emergency.shared.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs for the notification that a trigger on outbox_event raises (db/shared V0_3). PostgreSQL delivers it only
 * when the inserting transaction commits, and to every listener, so the relay of every instance of the service wakes
 * the moment there is something committed to publish, whichever instance wrote it.
 */
@ApplicationScoped
public class OutboxNotifications {

    static final String CHANNEL = "outbox_event";
    private static final Logger LOG = Logger.getLogger(OutboxNotifications.class);

    private final PgSubscriber subscriber;
    private final OutboxRelay relay;

    public OutboxNotifications(Vertx vertx, OutboxRelay relay,
                               @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                               @ConfigProperty(name = "quarkus.datasource.username") String user,
                               @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
        // Reconnects for ever, a second apart: while the listener is away the relay's safety-net pass covers.
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1000L);
    }

    void start(@Observes StartupEvent startup) {
        subscriber.channel(CHANNEL).handler(payload -> relay.wake());
        // Rows committed while the listener was away get no notification of their own: catch up on reconnect.
        subscriber.channel(CHANNEL).subscribeHandler(relay::wake);
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("Listening for outbox commits"),
                failure -> LOG.warnf("Not listening for outbox commits yet (%s); the periodic pass covers",
                        failure.toString()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        subscriber.closeAndAwait();
    }
}
