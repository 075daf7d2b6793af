package cn.jinjiang.emergency.bench;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One fault of deploy/local/lib/faults.sh: {@code inject} breaks it (kill -9, immediate stop), {@code heal} restarts
 * it with the same scripts up.sh uses. Shell, not Java, because the stack's own start-up lives there.
 */
record Fault(String name, Path script) {

    /** Runs {@code faults.sh ACTION NAME}; its output goes to the harness's stderr. Returns the exit code. */
    int run(String action, Duration timeout) throws Exception {
        Process process = new ProcessBuilder("bash", script.toString(), action, name)
                // stdout carries the harness's summary; the scripts' chatter belongs with the progress on stderr.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/dev/stderr")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
