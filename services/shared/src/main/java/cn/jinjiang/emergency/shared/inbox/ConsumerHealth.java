package cn.jinjiang.emergency.shared.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness of each consumer (one per topic a service reads): DOWN once a batch has waited longer than
 * {@link ConsumerSettings#unhealthyAfter()} to be applied, failing or hanging, and UP again as soon as it applies. A
 * consumer that fails holds its partitions and retries without end rather than parking good events in the
 * dead-letter topic, so this is where an outage shows: the events wait in the topic, and the operator sees which
 * consumer waits and why.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    static final String NAME = "Kafka consumers applying their batches";
    private static final Logger LOG = Logger.getLogger(ConsumerHealth.class);

    private final Duration unhealthyAfter;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    public ConsumerHealth(ConsumerSettings settings) {
        this.unhealthyAfter = settings.unhealthyAfter();
    }

    /** The batch a consumer is applying: since when, how many attempts failed, the latest reason. */
    private record Waiting(Instant since, long failures, String reason, boolean reported) {

        Waiting failedAgain(String why) {
            return new Waiting(since, failures + 1, why, reported);
        }
    }

    /** A consumer starts applying a batch (retries of it keep its start). */
    void started(String consumer) {
        known.add(consumer);
        waiting.putIfAbsent(consumer, new Waiting(Instant.now(), 0, null, false));
    }

    /**
     * Records a failed attempt. The first of a run is logged as a warning and the moment the batch has waited past
     * {@code unhealthyAfter} as an error; the retries between are only counted, so a fifteen-minute outage logs two
     * lines instead of one every few seconds.
     */
    void failed(String consumer, int records, Throwable failure) {
        Instant now = Instant.now();
        Waiting batch = waiting.compute(consumer, (name, current) -> current == null
                ? new Waiting(now, 1, String.valueOf(failure), false) : current.failedAgain(String.valueOf(failure)));
        if (batch.failures() == 1) {
            LOG.warnf("Consumer of %s could not apply a batch of %d, retrying until it can: %s", consumer, records,
                    failure);
        }
        if (!batch.reported() && unhealthy(batch, now)) {
            waiting.computeIfPresent(consumer, (name, current) ->
                    new Waiting(current.since(), current.failures(), current.reason(), true));
            LOG.errorf("Consumer of %s has not applied a batch for %s (%d failed attempts); readiness DOWN until it "
                    + "does: %s", consumer, Duration.between(batch.since(), now), batch.failures(), failure);
        }
    }

    /** Records an applied batch: the consumer counts as ready again. */
    void applied(String consumer) {
        Waiting ended = waiting.remove(consumer);
        if (ended != null && ended.failures() > 0) {
            LOG.infof("Consumer of %s applies its batches again, after %s and %d failed attempts", consumer,
                    Duration.between(ended.since(), Instant.now()), ended.failures());
        }
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (String consumer : new TreeSet<>(known)) {
            Waiting batch = waiting.get(consumer);
            if (batch == null || !unhealthy(batch, now)) {
                response.withData(consumer, "applying");
            } else {
                response.down().withData(consumer, "no batch applied since " + batch.since() + " ("
                        + batch.failures() + " failed attempts): " + batch.reason());
            }
        }
        return response.build();
    }

    private boolean unhealthy(Waiting batch, Instant now) {
        return Duration.between(batch.since(), now).compareTo(unhealthyAfter) >= 0;
    }
}
