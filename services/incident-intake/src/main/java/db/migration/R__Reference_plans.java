package db.migration;

import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Loads the contingency plans (db/reference/contingency-plans.csv) and their tasks (contingency-plan-tasks.csv).
 * Repeatable: re-applied whenever either file changes; named to run after R__Reference_grading (Flyway applies
 * repeatable migrations in name order), which loads the incident types the plans refer to. Plans are upserted by
 * code and version, never deleted (an activation keeps pointing at the version it started with); a plan's tasks are
 * replaced with the file's.
 */
public class R__Reference_plans extends BaseJavaMigration {

    private static final String PLANS = "db/reference/contingency-plans.csv";
    private static final String TASKS = "db/reference/contingency-plan-tasks.csv";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(PLANS), ReferenceCsv.load(TASKS));
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement upsert = context.getConnection().prepareStatement(
                "INSERT INTO contingency_plan (code, version, jurisdiction, incident_type, level, leading_body, "
                        + "name_zh, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, version) DO "
                        + "UPDATE SET jurisdiction = EXCLUDED.jurisdiction, incident_type = EXCLUDED.incident_type, "
                        + "level = EXCLUDED.level, leading_body = EXCLUDED.leading_body, name_zh = EXCLUDED.name_zh, "
                        + "illustrative = EXCLUDED.illustrative")) {
            for (String[] row : ReferenceCsv.load(PLANS).rows()) {
                upsert.setString(1, row[0]);
                upsert.setInt(2, Integer.parseInt(row[1]));
                upsert.setString(3, row[2]);
                upsert.setString(4, row[3]);
                upsert.setString(5, row[4]);
                upsert.setString(6, row[5]);
                upsert.setString(7, row[6]);
                upsert.setBoolean(8, Boolean.parseBoolean(row[7]));
                upsert.executeUpdate();
            }
        }
        try (Statement clear = context.getConnection().createStatement()) {
            clear.executeUpdate("DELETE FROM contingency_plan_task");
        }
        List<String[]> tasks = ReferenceCsv.load(TASKS).rows();
        try (PreparedStatement insert = context.getConnection().prepareStatement(
                "INSERT INTO contingency_plan_task (plan_code, version, task, what_zh, responsible, within_minutes, "
                        + "fulfilled_by, position, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < tasks.size(); i++) {
                String[] row = tasks.get(i);
                insert.setString(1, row[0]);
                insert.setInt(2, Integer.parseInt(row[1]));
                insert.setString(3, row[2]);
                insert.setString(4, row[3]);
                insert.setString(5, row[4]);
                insert.setInt(6, Integer.parseInt(row[5]));
                insert.setString(7, row[6].isEmpty() ? null : row[6]);
                insert.setInt(8, i + 1);
                insert.setBoolean(9, Boolean.parseBoolean(row[7]));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
