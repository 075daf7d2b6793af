package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.testing.RawScreen;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed upgrade (anyone can send one, without a token) is refused with a 4xx and costs one line in the log, not
 * a 500 with a stack trace.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class MalformedUpgradeTest {

    @TestHTTPResource("/ws/incidents")
    URI feed;

    private URI ws() {
        return URI.create(feed.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void aMalformedSubprotocolHeaderIsA4xxAndOneLogLine() {
        for (String protocols : List.of(
                "quarkus-http-upgrade",
                "quarkus-http-upgrade%23Authorization%23Bearer%20x",
                "bearer-token-carrier, quarkus-http-upgrade",
                "bearer-token-carrier, quarkus-http-upgrade%23Authorization",
                "bearer-token-carrier, quarkus-http-upgrade%23%23Bearer%20x",
                "bearer-token-carrier, quarkus-http-upgrade%ZZ")) {
            List<LogRecord> logged = new CopyOnWriteArrayList<>();
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    // The broker's clients log on their own threads whenever they like; they are not the gateway's.
                    String logger = String.valueOf(record.getLoggerName());
                    if (record.getLevel().intValue() >= Level.INFO.intValue() && !logger.startsWith("org.apache.kafka")
                            && !logger.startsWith("io.smallrye.reactive.messaging")) {
                        logged.add(record);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger root = Logger.getLogger("");
            root.addHandler(capture);
            String status;
            try (RawScreen refused = RawScreen.upgrade(ws(), protocols)) {
                status = refused.status();
                sleep(300); // lets whatever the refusal logs reach the log
            } finally {
                root.removeHandler(capture);
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            assertTrue(code >= 400 && code < 500, protocols + " answered " + status);
            List<LogRecord> aboutIt = logged.stream().filter(record -> record.getThrown() != null
                    || record.getLevel().intValue() >= Level.WARNING.intValue()
                    || String.valueOf(record.getMessage()).contains("upgrade")).toList();
            assertTrue(aboutIt.stream().allMatch(record -> record.getThrown() == null),
                    protocols + " logged a stack trace: " + aboutIt.get(0).getThrown());
            assertEquals(1, aboutIt.size(), protocols + " logged " + aboutIt.stream()
                    .map(record -> record.getLevel() + " " + record.getMessage()).toList());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
