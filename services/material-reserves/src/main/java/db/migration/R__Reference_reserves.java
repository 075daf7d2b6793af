package db.migration;

import cn.jinjiang.emergency.shared.persistence.ReferenceCsv;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Loads the catalogue, warehouses, agreement reserves and opening stock from db/reference. Repeatable: re-applied
 * whenever a file changes. Items, warehouses and agreements are upserted by code, never deleted (lots and the ledger
 * point at them), and an agreement keeps what has been called off. Opening stock is received once per lot, as a
 * receipt in the ledger like any other; a reload never touches stock that has moved since.
 */
public class R__Reference_reserves extends BaseJavaMigration {

    private static final String ITEMS = "db/reference/items.csv";
    private static final String WAREHOUSES = "db/reference/warehouses.csv";
    private static final String AGREEMENTS = "db/reference/agreements.csv";
    private static final String STOCK = "db/reference/stock.csv";
    private static final Set<String> LEVELS = Set.of("CITY", "TOWN", "COMMUNITY");
    private static final Set<String> SOURCES = Set.of("PURCHASE", "AGREEMENT", "DONATION");

    @Override
    public Integer getChecksum() {
        return ReferenceCsv.checksum(ReferenceCsv.load(ITEMS), ReferenceCsv.load(WAREHOUSES),
                ReferenceCsv.load(AGREEMENTS), ReferenceCsv.load(STOCK));
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        loadItems(connection);
        loadWarehouses(connection);
        loadAgreements(connection);
        loadStock(connection);
    }

    /** Ids follow from codes, so a reload, or another environment, gives a warehouse or lot the same id. */
    public static UUID idOf(String kind, String code) {
        return UUID.nameUUIDFromBytes((kind + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private static void loadItems(Connection connection) throws SQLException {
        String upsert = "INSERT INTO item (code, name, name_zh, category, unit, shelf_life_days, low_stock_level) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "name_zh = EXCLUDED.name_zh, category = EXCLUDED.category, unit = EXCLUDED.unit, "
                + "shelf_life_days = EXCLUDED.shelf_life_days, low_stock_level = EXCLUDED.low_stock_level";
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(ITEMS).rows()) {
                for (int i = 0; i < 5; i++) {
                    statement.setString(i + 1, row[i]);
                }
                statement.setObject(6, row[5].isBlank() ? null : Integer.parseInt(row[5]));
                statement.setInt(7, Integer.parseInt(row[6]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void loadWarehouses(Connection connection) throws SQLException {
        String upsert = "INSERT INTO warehouse (id, code, name, name_zh, level, area_code, latitude, longitude, "
                + "operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "name_zh = EXCLUDED.name_zh, level = EXCLUDED.level, area_code = EXCLUDED.area_code, "
                + "latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, operator = EXCLUDED.operator";
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(WAREHOUSES).rows()) {
                if (!LEVELS.contains(row[3])) {
                    throw new IllegalArgumentException("warehouse " + row[0] + ": unknown level " + row[3]);
                }
                statement.setObject(1, idOf("warehouse", row[0]));
                for (int i = 0; i < 5; i++) {
                    statement.setString(i + 2, row[i]);
                }
                statement.setDouble(7, Double.parseDouble(row[5]));
                statement.setDouble(8, Double.parseDouble(row[6]));
                statement.setString(9, row[7]);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        // Announced again, with whatever changed in their standing data.
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO stock_change (warehouse_id) SELECT id FROM warehouse")) {
            statement.executeUpdate();
        }
    }

    private static void loadAgreements(Connection connection) throws SQLException {
        String upsert = "INSERT INTO agreement (id, code, company, contact, item_code, committed_quantity, "
                + "lead_time_hours, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE "
                + "SET company = EXCLUDED.company, contact = EXCLUDED.contact, item_code = EXCLUDED.item_code, "
                + "committed_quantity = EXCLUDED.committed_quantity, lead_time_hours = EXCLUDED.lead_time_hours, "
                + "latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude";
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (String[] row : ReferenceCsv.load(AGREEMENTS).rows()) {
                statement.setObject(1, idOf("agreement", row[0]));
                for (int i = 0; i < 4; i++) {
                    statement.setString(i + 2, row[i]);
                }
                statement.setInt(6, Integer.parseInt(row[4]));
                statement.setInt(7, Integer.parseInt(row[5]));
                statement.setDouble(8, Double.parseDouble(row[6]));
                statement.setDouble(9, Double.parseDouble(row[7]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void loadStock(Connection connection) throws SQLException {
        String lot = "INSERT INTO lot (id, item_code, warehouse_id, source, received_at, expires_on, on_hand) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        String receipt = "INSERT INTO ledger_entry (lot_id, warehouse_id, item_code, kind, quantity, reason, "
                + "movement_id, recorded_by, recorded_at) VALUES (?, ?, ?, 'RECEIPT', ?, 'Opening stock', ?, "
                + "'reference-data', ?)";
        try (PreparedStatement lots = connection.prepareStatement(lot);
             PreparedStatement receipts = connection.prepareStatement(receipt)) {
            for (String[] row : ReferenceCsv.load(STOCK).rows()) {
                if (!SOURCES.contains(row[6])) {
                    throw new IllegalArgumentException("lot " + row[0] + ": unknown source " + row[6]);
                }
                UUID lotId = idOf("lot", row[0]);
                UUID warehouseId = idOf("warehouse", row[1]);
                Timestamp received = Timestamp.from(LocalDate.parse(row[4]).atStartOfDay().toInstant(ZoneOffset.UTC));
                lots.setObject(1, lotId);
                lots.setString(2, row[2]);
                lots.setObject(3, warehouseId);
                lots.setString(4, row[6]);
                lots.setTimestamp(5, received);
                lots.setDate(6, row[5].isBlank() ? null : Date.valueOf(LocalDate.parse(row[5])));
                lots.setInt(7, Integer.parseInt(row[3]));
                if (lots.executeUpdate() == 0) {
                    continue;
                }
                receipts.setObject(1, lotId);
                receipts.setObject(2, warehouseId);
                receipts.setString(3, row[2]);
                receipts.setInt(4, Integer.parseInt(row[3]));
                receipts.setObject(5, lotId);
                receipts.setTimestamp(6, received);
                receipts.addBatch();
            }
            receipts.executeBatch();
        }
    }
}
