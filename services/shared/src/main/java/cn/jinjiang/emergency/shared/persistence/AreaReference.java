package cn.jinjiang.emergency.shared.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;

/**
 * The administrative areas (prefecture, county, township, village), one file for every service that keeps them:
 * db/reference/areas.csv in this module. Each such service's repeatable migration calls {@link #load} into its own
 * {@code area} table; rows are upserted, never deleted, because what was reported or warned keeps pointing at them.
 * Each area also has an illustrative centre and radius (latitude, longitude, radius_km), which every such table has
 * columns for, so one loader serves them all.
 */
public final class AreaReference {

    public static final String CSV = "db/reference/areas.csv";

    private AreaReference() {
    }

    public static int checksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(CSV));
    }

    public static void load(Connection connection) throws SQLException {
        String upsert = "INSERT INTO area (code, name, name_zh, level, parent_code, population, latitude, longitude, "
                + "radius_km) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                + "name = EXCLUDED.name, name_zh = EXCLUDED.name_zh, level = EXCLUDED.level, "
                + "parent_code = EXCLUDED.parent_code, population = EXCLUDED.population, "
                + "latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, radius_km = EXCLUDED.radius_km";
        // Parents before children, whatever order the file lists them in.
        List<String[]> rows = ReferenceCsv.load(CSV).rows().stream()
                .sorted(Comparator.comparingInt(AreaReference::depth).thenComparing(row -> row[0]))
                .toList();
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : rows) {
                statement.setString(1, row[0]);
                statement.setString(2, row[1]);
                statement.setString(3, row[2]);
                statement.setString(4, row[3]);
                if (row[4].isEmpty()) {
                    statement.setNull(5, Types.VARCHAR);
                } else {
                    statement.setString(5, row[4]);
                }
                statement.setInt(6, Integer.parseInt(row[5]));
                // The circle is illustrative and optional: an area the bureau gives none is simply never flagged.
                for (int column = 6; column <= 8; column++) {
                    String cell = column < row.length ? row[column] : "";
                    if (cell.isEmpty()) {
                        statement.setNull(column + 1, Types.DOUBLE);
                    } else {
                        statement.setDouble(column + 1, Double.parseDouble(cell));
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static int depth(String[] row) {
        return switch (row[3]) {
            case "PREFECTURE" -> 0;
            case "COUNTY" -> 1;
            case "TOWNSHIP" -> 2;
            default -> 3;
        };
    }
}
