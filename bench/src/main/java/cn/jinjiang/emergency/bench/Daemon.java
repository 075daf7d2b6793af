package cn.jinjiang.emergency.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads, so a harness that has printed its figures exits even if a socket is still closing. */
final class Daemon {

    private Daemon() {
    }

    static ThreadFactory threads(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
