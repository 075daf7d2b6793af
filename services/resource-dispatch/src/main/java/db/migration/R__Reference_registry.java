package db.migration;

import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Loads stations, units and run cards from db/reference. Repeatable: re-applied whenever a file changes. Stations and
 * units are upserted by code and call sign, never deleted (assignments keep pointing at them), and a unit keeps its
 * status and last reported position; run cards are pure reference and replaced whole. A value outside the contract's
 * enums fails the migration, and with it the start, rather than loading a unit nothing could ever recommend.
 * <p>
 * A unit the file adds or changes is only marked as not yet announced (its {@code listed_version} moves past
 * {@code announced_version}; an unchanged one is not touched), and {@code UnitAnnouncements} publishes it as
 * unit.listed: the migration runs before the service can write its outbox with the contract's checks, and on several
 * instances at once it must not announce twice.
 */
public class R__Reference_registry extends BaseJavaMigration {

    private static final String STATIONS = "db/reference/stations.csv";
    private static final String UNITS = "db/reference/units.csv";
    private static final String PLANS = "db/reference/response-plans.csv";

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(STATIONS), ReferenceCsv.load(UNITS), ReferenceCsv.load(PLANS));
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        loadStations(connection);
        loadUnits(connection);
        loadPlans(connection);
    }

    /** A unit's id follows from its call sign, so a reload, or another environment, gives it the same id. */
    public static UUID unitId(String callSign) {
        return UUID.nameUUIDFromBytes(("unit:" + callSign).getBytes(StandardCharsets.UTF_8));
    }

    private static void loadStations(Connection connection) throws SQLException {
        String upsert = "INSERT INTO station (code, name, name_zh, kind, area_code, latitude, longitude, illustrative) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "name_zh = EXCLUDED.name_zh, kind = EXCLUDED.kind, area_code = EXCLUDED.area_code, "
                + "latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, illustrative = EXCLUDED.illustrative";
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(STATIONS).rows()) {
                for (int i = 0; i < 5; i++) {
                    statement.setString(i + 1, row[i]);
                }
                statement.setDouble(6, Double.parseDouble(row[5]));
                statement.setDouble(7, Double.parseDouble(row[6]));
                statement.setBoolean(8, Boolean.parseBoolean(row[7]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void loadUnits(Connection connection) throws SQLException {
        String upsert = "INSERT INTO unit (id, call_sign, type, capabilities, station_code, area_code, crew, latitude, "
                + "longitude, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_sign) DO UPDATE "
                + "SET type = EXCLUDED.type, capabilities = EXCLUDED.capabilities, "
                + "station_code = EXCLUDED.station_code, area_code = EXCLUDED.area_code, crew = EXCLUDED.crew, "
                + "illustrative = EXCLUDED.illustrative, listed_version = unit.listed_version + 1, updated_at = now() "
                + "WHERE (unit.type, unit.capabilities, unit.station_code, unit.area_code, unit.crew, "
                + "unit.illustrative) IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.capabilities, EXCLUDED.station_code, "
                + "EXCLUDED.area_code, EXCLUDED.crew, EXCLUDED.illustrative)";
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(UNITS).rows()) {
                String callSign = row[0];
                statement.setObject(1, unitId(callSign));
                statement.setString(2, callSign);
                statement.setString(3, UnitType.valueOf(row[1]).name());
                Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
                Arrays.stream(row[2].split("\\s+")).map(Capability::valueOf).forEach(capabilities::add);
                statement.setString(4, Unit.capabilities(capabilities));
                statement.setString(5, row[3]);
                statement.setString(6, row[4]);
                statement.setInt(7, Integer.parseInt(row[5]));
                statement.setDouble(8, Double.parseDouble(row[6]));
                statement.setDouble(9, Double.parseDouble(row[7]));
                statement.setBoolean(10, Boolean.parseBoolean(row[8]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void loadPlans(Connection connection) throws SQLException {
        try (Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM response_plan");
        }
        String insert = "INSERT INTO response_plan (incident_type, grade, capability, min_units) VALUES (?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (String[] row : ReferenceCsv.load(PLANS).rows()) {
                statement.setString(1, IncidentType.valueOf(row[0]).name());
                statement.setString(2, Grade.valueOf(row[1]).name());
                statement.setString(3, Capability.valueOf(row[2]).name());
                statement.setInt(4, Integer.parseInt(row[3]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
