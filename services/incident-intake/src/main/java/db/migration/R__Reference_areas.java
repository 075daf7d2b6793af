package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Loads the administrative areas from db/reference/areas.csv. Repeatable: Flyway re-applies it whenever the file
 * changes, and rows are upserted, never deleted, because incidents keep pointing at the codes they were reported in.
 */
public class R__Reference_areas extends BaseJavaMigration {

    private static final String CSV = "db/reference/areas.csv";

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(read().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public void migrate(Context context) throws Exception {
        List<String> lines = read().lines().skip(1).filter(line -> !line.isBlank()).toList();
        String upsert = "INSERT INTO area (code, name, name_zh, level, parent_code, population) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "name_zh = EXCLUDED.name_zh, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, "
                + "population = EXCLUDED.population";
        // Parents before children, whatever order the file lists them in.
        List<String[]> rows = lines.stream().map(line -> line.split(",", -1))
                .sorted(Comparator.comparingInt(R__Reference_areas::depth).thenComparing(row -> row[0]))
                .toList();
        try (PreparedStatement statement = context.getConnection().prepareStatement(upsert)) {
            for (String[] row : rows) {
                statement.setString(1, row[0].trim());
                statement.setString(2, row[1].trim());
                statement.setString(3, row[2].trim());
                statement.setString(4, row[3].trim());
                if (row[4].isBlank()) {
                    statement.setNull(5, Types.VARCHAR);
                } else {
                    statement.setString(5, row[4].trim());
                }
                statement.setInt(6, Integer.parseInt(row[5].trim()));
                statement.executeUpdate();
            }
        }
    }

    private static int depth(String[] row) {
        return switch (row[3].trim()) {
            case "PREFECTURE" -> 0;
            case "COUNTY" -> 1;
            case "TOWNSHIP" -> 2;
            default -> 3;
        };
    }

    private static String read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CSV)) {
            if (in == null) {
                throw new IllegalStateException(CSV + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
