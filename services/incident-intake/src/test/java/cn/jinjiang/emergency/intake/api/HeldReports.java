package cn.jinjiang.emergency.intake.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First reports sent with their headers and only the first byte of the body they declare: each holds an API slot
 * until the body timeout answers it 408 or its socket is closed. Opened one after another they may still be read in
 * another order (each connection has its own event loop), so a test that wants to see the one shed opens one more
 * than the limit and looks for the one answered, rather than sending a probe that could be read before the last held
 * one.
 */
final class HeldReports implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    HeldReports(URL base, List<String> authorizations) throws IOException {
        for (String authorization : authorizations) {
            Socket socket = new Socket(base.getHost(), base.getPort());
            sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** How many of the held reports have been answered so far. */
    long answered() {
        return sockets.stream().filter(HeldReports::hasAnswer).count();
    }

    /** The first answered report's response, its socket closed and no longer held. */
    String takeAnswered() throws IOException {
        Socket socket = sockets.stream().filter(HeldReports::hasAnswer).findFirst().orElseThrow();
        sockets.remove(socket);
        try (socket) {
            return response(socket);
        }
    }

    List<Socket> sockets() {
        return sockets;
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static boolean hasAnswer(Socket socket) {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response off a connection the service keeps open: its head, then as many body bytes as it declares. */
    private static String response(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, StandardCharsets.UTF_8);
    }
}
