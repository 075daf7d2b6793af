package cn.jinjiang.emergency.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The gateway's operator page in headless Chromium (Debian package {@code chromium}). */
final class OperatorPage {

    /** Enough for the page to open its WebSocket and draw the snapshot; virtual time runs ahead when idle. */
    private static final String BUDGET_MILLIS = "15000";

    private OperatorPage() {
    }

    static String dumpDom(String url) throws IOException, InterruptedException {
        Path out = Files.createTempFile(Path.of("target"), "operator-page-", ".html");
        run(List.of("--dump-dom", url), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static void screenshot(String url, Path file) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + file, "--window-size=1400,1100", url), null);
    }

    private static void run(List<String> arguments, Path stdout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium-"),
                "--virtual-time-budget=" + BUDGET_MILLIS));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish: " + command);
        }
    }

    private static String browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Chromium: install the Debian package chromium");
    }
}
