package cn.jinjiang.emergency.bench;

import java.util.ArrayList;
import java.util.List;

/** Polls every service's readiness twice a second for the whole fault run, to see when the stack said it was back. */
final class ReadinessTimeline implements AutoCloseable {

    private record Sample(long nanos, boolean allReady) {
    }

    private final Readiness readiness;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    ReadinessTimeline(Readiness readiness) {
        this.readiness = readiness;
        this.poller = Daemon.threads("readiness").newThread(this::poll);
        poller.start();
    }

    private void poll() {
        while (running) {
            boolean ready = readiness.allReady();
            synchronized (samples) {
                samples.add(new Sample(System.nanoTime(), ready));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether any service was seen not ready at or after {@code fromNanos}. */
    boolean wentDown(long fromNanos) {
        synchronized (samples) {
            return samples.stream().anyMatch(s -> s.nanos() >= fromNanos && !s.allReady());
        }
    }

    /**
     * When all services were ready again for good: the first ready sample after the last not-ready one, if that is
     * after {@code fromNanos}; {@code fromNanos} itself if readiness never dipped; -1 if it was still down at the end.
     */
    long readyAgain(long fromNanos) {
        synchronized (samples) {
            int lastDown = -1;
            for (int i = 0; i < samples.size(); i++) {
                if (!samples.get(i).allReady()) {
                    lastDown = i;
                }
            }
            if (lastDown < 0 || samples.get(lastDown).nanos() < fromNanos) {
                return fromNanos;
            }
            return lastDown + 1 < samples.size() ? samples.get(lastDown + 1).nanos() : -1;
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
