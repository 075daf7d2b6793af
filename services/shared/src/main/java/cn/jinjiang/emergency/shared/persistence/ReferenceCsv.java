package cn.jinjiang.emergency.shared.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A reference-data CSV on the classpath (header line first), as every service's repeatable reference migrations read
 * it: the bureau replaces a file and the next start re-applies it.
 */
public final class ReferenceCsv {

    private final String text;

    private ReferenceCsv(String text) {
        this.text = text;
    }

    public static ReferenceCsv load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new ReferenceCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flyway re-applies a repeatable migration when this changes, i.e. when the file's content does. */
    public static int checksum(ReferenceCsv... files) {
        CRC32 crc = new CRC32();
        for (ReferenceCsv file : files) {
            crc.update(file.text.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /**
     * The data rows, cells trimmed; comment lines (starting with #, which say where the data comes from), the header
     * line and blank lines are skipped.
     */
    public List<String[]> rows() {
        return new BufferedReader(new java.io.StringReader(text)).lines().filter(line -> !line.startsWith("#"))
                .skip(1).filter(line -> !line.isBlank())
                .map(line -> line.split(",", -1))
                .map(cells -> {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = cells[i].trim();
                    }
                    return cells;
                })
                .toList();
    }
}
