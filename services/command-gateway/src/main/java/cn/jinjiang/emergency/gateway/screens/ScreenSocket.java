package cn.jinjiang.emergency.gateway.screens;

import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Where a screen's messages are written: straight to its channel where that can be reached ({@link ChannelSocket}),
 * else through websockets-next ({@link #through}). Writes complete in the order they were made.
 */
interface ScreenSocket {

    /**
     * Hands the message over; {@code done} runs once it is written or has failed. It goes out on the wire no later
     * than once the tasks already queued on the connection's event loop have run, so the messages handed over
     * together (a burst of changes) leave in one system call.
     */
    void send(ScreenText message, Runnable done);

    static ScreenSocket of(WebSocketConnection connection) {
        ScreenSocket channel = ChannelSocket.of(connection);
        return channel != null ? channel : through(connection);
    }

    /** Through websockets-next's public API: a String and a flush per message. */
    static ScreenSocket through(WebSocketConnection connection) {
        return (message, done) -> connection.sendText(message.text())
                .subscribe().with(sent -> done.run(), failure -> done.run());
    }
}
