package db.migration;

import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;

/**
 * Loads the administrative areas from db/reference/areas.csv. Repeatable: Flyway re-applies it whenever the file
 * changes, and rows are upserted, never deleted, because incidents keep pointing at the codes they were reported in.
 */
public class R__Reference_areas extends BaseJavaMigration {

    private static final String CSV = "db/reference/areas.csv";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(CSV));
    }

    @Override
    public void migrate(Context context) throws Exception {
        String upsert = "INSERT INTO area (code, name, name_zh, level, parent_code, population) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "name_zh = EXCLUDED.name_zh, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, "
                + "population = EXCLUDED.population";
        // Parents before children, whatever order the file lists them in.
        List<String[]> rows = ReferenceCsv.load(CSV).rows().stream()
                .sorted(Comparator.comparingInt(R__Reference_areas::depth).thenComparing(row -> row[0]))
                .toList();
        try (PreparedStatement statement = context.getConnection().prepareStatement(upsert)) {
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
                statement.executeUpdate();
            }
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
