package db.migration;

import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Loads the incident types (db/reference/incident-types.csv) and the grading rules (grading-rules.csv). Repeatable:
 * re-applied whenever either file changes. Types are upserted, never deleted (incidents keep their type); the rules are
 * replaced as a whole, since they are only configuration: an incident keeps the grade it was given until its next
 * report or a commander's decision.
 */
public class R__Reference_grading extends BaseJavaMigration {

    private static final String TYPES = "db/reference/incident-types.csv";
    private static final String RULES = "db/reference/grading-rules.csv";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(TYPES), ReferenceCsv.load(RULES));
    }

    @Override
    public void migrate(Context context) throws Exception {
        List<String[]> types = ReferenceCsv.load(TYPES).rows();
        try (PreparedStatement upsert = context.getConnection().prepareStatement(
                "INSERT INTO incident_type (code, category, name, name_zh, position) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (code) DO UPDATE SET category = EXCLUDED.category, name = EXCLUDED.name, "
                        + "name_zh = EXCLUDED.name_zh, position = EXCLUDED.position")) {
            for (int i = 0; i < types.size(); i++) {
                String[] row = types.get(i);
                upsert.setString(1, row[0]);
                upsert.setString(2, row[1]);
                upsert.setString(3, row[2]);
                upsert.setString(4, row[3]);
                upsert.setInt(5, i + 1);
                upsert.executeUpdate();
            }
        }
        try (Statement clear = context.getConnection().createStatement()) {
            clear.executeUpdate("DELETE FROM grading_rule");
        }
        try (PreparedStatement insert = context.getConnection().prepareStatement(
                "INSERT INTO grading_rule (category, criterion, grade_i_from, grade_ii_from, grade_iii_from, source) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String[] row : ReferenceCsv.load(RULES).rows()) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setBigDecimal(3, new BigDecimal(row[2]));
                insert.setBigDecimal(4, new BigDecimal(row[3]));
                insert.setBigDecimal(5, new BigDecimal(row[4]));
                insert.setString(6, row[5]);
                insert.executeUpdate();
            }
        }
    }
}
