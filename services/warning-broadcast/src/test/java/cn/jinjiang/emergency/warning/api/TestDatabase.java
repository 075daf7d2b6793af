package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.PostgresDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The tests' database read directly: that a refused request stored nothing is seen in its rows, not its answer. */
final class TestDatabase {

    private TestDatabase() {
    }

    static long count(String table) {
        try (Connection connection = DriverManager.getConnection(
                PostgresDatabase.testJdbcUrl("warning_broadcast_test"), PostgresDatabase.USER,
                PostgresDatabase.PASSWORD);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
