package db.migration;

import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;

/**
 * Loads the loudspeaker terminals from db/reference/terminals.csv. Flyway applies repeatable migrations in name order,
 * so the areas they stand in are loaded first. Upserted by code, never deleted: acknowledgements keep pointing at them.
 */
public class R__Reference_terminals extends BaseJavaMigration {

    private static final String CSV = "db/reference/terminals.csv";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(CSV));
    }

    @Override
    public void migrate(Context context) throws Exception {
        String upsert = "INSERT INTO terminal (code, area_code, name, population_served, latitude, longitude, "
                + "illustrative) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                + "area_code = EXCLUDED.area_code, name = EXCLUDED.name, "
                + "population_served = EXCLUDED.population_served, latitude = EXCLUDED.latitude, "
                + "longitude = EXCLUDED.longitude, illustrative = EXCLUDED.illustrative";
        try (PreparedStatement statement = context.getConnection().prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(CSV).rows()) {
                statement.setString(1, row[0]);
                statement.setString(2, row[1]);
                statement.setString(3, row[2]);
                statement.setInt(4, Integer.parseInt(row[3]));
                statement.setDouble(5, Double.parseDouble(row[4]));
                statement.setDouble(6, Double.parseDouble(row[5]));
                statement.setBoolean(7, Boolean.parseBoolean(row[6]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
