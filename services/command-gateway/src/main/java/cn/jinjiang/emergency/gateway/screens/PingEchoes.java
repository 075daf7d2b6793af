package cn.jinjiang.emergency.gateway.screens;

import io.vertx.core.buffer.Buffer;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Whether a screen still reads, by its pongs. Each ping carries fresh random bytes, and only a pong that echoes them
 * (or those of the ping before, still on its way) counts: a pong nobody asked for is allowed by the protocol, but a
 * client that sends them and reads nothing would otherwise count as alive for ever.
 */
final class PingEchoes {

    private static final int PING_BYTES = 8;
    private static final SecureRandom PINGS = new SecureRandom();

    private byte[] ping;
    private byte[] previousPing;
    private volatile long lastPong = System.nanoTime();

    /** The next ping's payload. */
    synchronized Buffer next() {
        previousPing = ping;
        ping = new byte[PING_BYTES];
        PINGS.nextBytes(ping);
        return Buffer.buffer(ping);
    }

    synchronized void ponged(Buffer data) {
        byte[] echoed = data.getBytes();
        if (ping != null && Arrays.equals(echoed, ping) || previousPing != null && Arrays.equals(echoed, previousPing)) {
            lastPong = System.nanoTime();
        }
    }

    long nanosSincePong() {
        return System.nanoTime() - lastPong;
    }
}
