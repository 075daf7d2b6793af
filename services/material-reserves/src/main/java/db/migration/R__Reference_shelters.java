package db.migration;

import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Loads the shelter register from db/reference/shelters.csv. Repeatable: re-applied whenever the file changes.
 * Shelters are upserted by code and never deleted (their history keeps pointing at them), and keep whatever state they
 * are in (open, who is inside). A row the file adds or changes is marked as not yet announced, and the announcement
 * pass publishes it as shelter.listed: the migration itself runs before the service can write its outbox with the
 * contract's checks, and on several instances at once it must not announce twice.
 */
public class R__Reference_shelters extends BaseJavaMigration {

    public static final String CSV = "db/reference/shelters.csv";

    /*
     * Only a row whose register data differs is touched, so an unchanged shelter is not announced again. A capacity
     * below the people already inside would break the occupancy check and with it the start, during the emergency
     * that filled the shelter: such a shelter keeps room for those inside until the file is applied again.
     */
    private static final String UPSERT = "INSERT INTO shelter (id, code, name, name_zh, kind, area_code, latitude, "
            + "longitude, capacity, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_zh = EXCLUDED.name_zh, "
            + "kind = EXCLUDED.kind, area_code = EXCLUDED.area_code, latitude = EXCLUDED.latitude, "
            + "longitude = EXCLUDED.longitude, capacity = GREATEST(EXCLUDED.capacity, shelter.occupancy), "
            + "illustrative = EXCLUDED.illustrative, version = shelter.version + 1, "
            + "listed_version = shelter.listed_version + 1, updated_at = now() "
            + "WHERE (shelter.name, shelter.name_zh, shelter.kind, shelter.area_code, shelter.latitude, "
            + "shelter.longitude, shelter.capacity, shelter.illustrative) IS DISTINCT FROM (EXCLUDED.name, "
            + "EXCLUDED.name_zh, EXCLUDED.kind, EXCLUDED.area_code, EXCLUDED.latitude, EXCLUDED.longitude, "
            + "GREATEST(EXCLUDED.capacity, shelter.occupancy), EXCLUDED.illustrative)";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(CSV));
    }

    @Override
    public void migrate(Context context) throws Exception {
        load(context.getConnection());
    }

    /** A shelter's id follows from its code, so a reload, or another environment, gives it the same id. */
    public static UUID shelterId(String code) {
        return UUID.nameUUIDFromBytes(("shelter:" + code).getBytes(StandardCharsets.UTF_8));
    }

    /** Applies the file; a kind outside the contract, a malformed area or a capacity below 1 fails the start. */
    public static void load(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            for (String[] row : ReferenceCsv.load(CSV).rows()) {
                String code = row[0];
                if (!AreaCodes.isValid(row[4])) {
                    throw new IllegalStateException(CSV + ": " + code + " has no 12-digit area code: " + row[4]);
                }
                int capacity = Integer.parseInt(row[7]);
                if (capacity < 1) {
                    throw new IllegalStateException(CSV + ": " + code + " has no room: " + capacity);
                }
                statement.setObject(1, shelterId(code));
                statement.setString(2, code);
                statement.setString(3, row[1]);
                statement.setString(4, row[2]);
                statement.setString(5, ShelterKind.valueOf(row[3]).name());
                statement.setString(6, row[4]);
                statement.setDouble(7, Double.parseDouble(row[5]));
                statement.setDouble(8, Double.parseDouble(row[6]));
                statement.setInt(9, capacity);
                statement.setBoolean(10, Boolean.parseBoolean(row[8]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
