package cn.jinjiang.emergency.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc tree and a pid directory in a temporary folder, written the way the kernel and up.sh write them. */
final class FakeProc {

    final Path proc;
    final Path pids;

    FakeProc(Path root) throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        pids = Files.createDirectories(root.resolve("pids"));
    }

    /** A process with the given CPU ticks (utime, stime) and command line (words joined by NULs, as the kernel). */
    FakeProc process(long pid, String comm, long utime, long stime, String... cmdline) {
        Path dir = proc.resolve(Long.toString(pid));
        // Fields 1..15 of /proc/PID/stat; the command name in parentheses holds a space and a ')' to be skipped over.
        String stat = pid + " (" + comm + " x) S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 30 0 12345\n";
        write(dir.resolve("stat"), stat);
        write(dir.resolve("comm"), comm + "\n");
        write(dir.resolve("cmdline"), String.join("\0", cmdline) + "\0");
        return this;
    }

    FakeProc status(long pid, long rssKib) {
        write(proc.resolve(Long.toString(pid)).resolve("status"), "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  "
                + rssKib + " kB\nThreads:\t40\n");
        return this;
    }

    FakeProc pss(long pid, long pssKib) {
        write(proc.resolve(Long.toString(pid)).resolve("smaps_rollup"), "55d0-7ffd ---p 00000000 00:00 0 [rollup]\n"
                + "Rss:              150000 kB\nPss:              " + pssKib + " kB\nPss_Anon:  10 kB\n");
        return this;
    }

    FakeProc pidFile(String name, long pid) {
        write(pids.resolve(name + ".pid"), pid + "\n");
        return this;
    }

    void exit(long pid) throws IOException {
        try (var files = Files.walk(proc.resolve(Long.toString(pid)))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
