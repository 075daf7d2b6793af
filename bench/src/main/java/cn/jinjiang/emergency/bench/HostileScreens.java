package cn.jinjiang.emergency.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile screen of the hardening issue: it connects, never reads (a tiny receive buffer, nothing taken from it),
 * and sends {@code {"resume": "<old position>"}} with an unsolicited pong over and over. Each resume from an old
 * position asks for a whole snapshot. The gateway closes it (1008 for resuming too often, 4408 for answering no
 * ping); it then connects again and goes on, for as long as the run lasts. Other screens must not notice.
 */
final class HostileScreens implements AutoCloseable {

    /** A position far behind the change log: a resume from it is answered with a snapshot. */
    private static final String OLD_POSITION = "incident-events/0=0";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    HostileScreens(URI feed, int count, long resumeEveryMillis) {
        for (int i = 0; i < count; i++) {
            String token = BenchTokens.viewer("hostile-" + i);
            Thread thread = new Thread(() -> loop(feed, token, resumeEveryMillis), "hostile-screen-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    long connections() {
        return connections.get();
    }

    long resumes() {
        return resumes.get();
    }

    private void loop(URI feed, String token, long resumeEveryMillis) {
        while (running.get()) {
            try (Socket socket = upgrade(feed, token)) {
                connections.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                while (running.get()) {
                    frame(out, 0x1, ("{\"resume\": \"" + OLD_POSITION + "\"}").getBytes(StandardCharsets.UTF_8));
                    frame(out, 0xA, "alive".getBytes(StandardCharsets.US_ASCII));
                    resumes.incrementAndGet();
                    Thread.sleep(resumeEveryMillis);
                }
            } catch (IOException closed) {
                // Closed by the gateway (or refused): connect again, as an attacker would.
                pause(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Socket upgrade(URI feed, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(feed.getHost(), feed.getPort()), 5000);
        String protocol = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token,
                StandardCharsets.UTF_8).replace("+", "%20");
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + feed.getRawPath() + " HTTP/1.1\r\nHost: " + feed.getHost() + ":" + feed.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: bearer-token-carrier, " + protocol + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Only the answer's head is read, to know the upgrade went through; nothing after it ever is.
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed during the upgrade");
            }
            head.append((char) next);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + head.substring(0, head.indexOf("\r\n")));
        }
        return socket;
    }

    /** A client frame, masked as the protocol requires. */
    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        frame.write(0x80 | payload.length);
        byte[] mask = {7, 3, 1, 9};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
    }
}
