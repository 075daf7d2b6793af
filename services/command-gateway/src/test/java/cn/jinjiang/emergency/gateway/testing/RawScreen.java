package cn.jinjiang.emergency.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A screen on a bare socket with a tiny receive buffer, which can stop reading altogether (a hung browser tab) and
 * never answers pings: what the JDK's client, which always reads and always answers, cannot play.
 */
public final class RawScreen implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final DataInputStream in;
    private Integer closeCode;
    private String closeReason;

    private RawScreen(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    public static RawScreen connect(URI ws, String token) {
        String protocol = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token,
                StandardCharsets.UTF_8).replace("+", "%20");
        RawScreen screen = upgrade(ws, "bearer-token-carrier, " + protocol);
        String status = screen.status;
        if (!status.contains(" 101 ")) {
            screen.close();
            throw new IllegalStateException("upgrade refused: " + status);
        }
        return screen;
    }

    /**
     * Sends an upgrade request with this {@code Sec-WebSocket-Protocol} header (or none, when null) and reads the
     * answer's head: a well-formed one is a screen, a malformed one shows how it was refused ({@link #status()}).
     */
    public static RawScreen upgrade(URI ws, String protocols) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(ws.getHost(), ws.getPort()), 5000);
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                    + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            RawScreen screen = new RawScreen(socket);
            screen.status = screen.headers();
            return screen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String status;

    /** The status line of the upgrade's answer. */
    public String status() {
        return status;
    }

    /** Sends a text message, masked as a client must. */
    public void send(String text) {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a pong nobody asked for (RFC 6455 allows it as a one-way heartbeat). */
    public void pong(byte[] payload) {
        frame(0xA, payload);
    }

    private synchronized void frame(int opcode, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            }
            byte[] mask = {1, 2, 3, 4};
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            socket.getOutputStream().write(frame.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String headers() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Reads every text message until the connection ends or nothing arrives for {@code quietMillis}. */
    public List<JsonNode> readAll(int quietMillis) {
        List<JsonNode> messages = new ArrayList<>();
        try {
            socket.setSoTimeout(quietMillis);
            ByteArrayOutputStream fragments = new ByteArrayOutputStream();
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 8) {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    closeReason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    return messages;
                }
                if (opcode == 1 || opcode == 0) {
                    fragments.write(payload);
                    if ((first & 0x80) != 0) {
                        messages.add(JSON.readTree(fragments.toByteArray()));
                        fragments.reset();
                    }
                }
            }
        } catch (SocketTimeoutException | EOFException end) {
            return messages;
        } catch (IOException e) {
            if (!messages.isEmpty()) {
                return messages;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The close code the server sent, once {@link #readAll} has read up to it. */
    public Integer closeCode() {
        return closeCode;
    }

    /** The reason the server gave with its close code. */
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
