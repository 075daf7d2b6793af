package cn.jinjiang.emergency.intake.api;

import cn.jinjiang.emergency.shared.testing.PostgresDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the test database directly, to check what a request did or did not leave behind. */
final class IntakeDatabase {

    static final String NAME = "incident_intake_test";

    private IntakeDatabase() {
    }

    static long count(String table) {
        try (Connection connection = DriverManager.getConnection(PostgresDatabase.jdbcUrl(NAME),
                PostgresDatabase.USER, PostgresDatabase.PASSWORD);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
