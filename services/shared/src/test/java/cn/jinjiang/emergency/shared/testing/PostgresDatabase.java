package cn.jinjiang.emergency.shared.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Test databases on the machine's PostgreSQL (127.0.0.1:5432). Each test suite gets a database of its own, recreated
 * empty, so tests never touch the data of a locally running stack.
 */
public final class PostgresDatabase {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "emergency";
    public static final String PASSWORD = "emergency";
    private static final String SUPERUSER = System.getenv().getOrDefault("PG_SUPERUSER", "postgres");

    private PostgresDatabase() {
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:" + reactiveUrl(database);
    }

    /**
     * The JDBC URL of the test database {@link RealInfrastructure} created under {@code database}: its name plus the
     * suffix a run may give ({@code -Demergency.test.database-suffix}), so that checkouts side by side do not share one.
     */
    public static String testJdbcUrl(String database) {
        return jdbcUrl(suffixed(database));
    }

    /**
     * Rows in {@code from} (a table, or a table and its WHERE clause) of a test database, read directly: that a
     * refused request left nothing behind is seen in the rows, not in its answer.
     */
    public static long countRows(String testDatabase, String from) {
        try (Connection connection = DriverManager.getConnection(testJdbcUrl(testDatabase), USER, PASSWORD);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String suffixed(String database) {
        return database + System.getProperty("emergency.test.database-suffix", "");
    }

    public static void recreate(String database) {
        // An unquoted PostgreSQL identifier, since it is spliced into the statements below; digits are allowed after
        // the first character, so that a run's suffix can name its checkout (e.g. _w21d).
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(database);
        }
        try (Connection connection = superuserConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                    + "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'; END IF; END $$");
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + database + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + database, e);
        }
    }

    /**
     * What CloudNativePG's {@code initdb} bootstrap makes: a login role with its password (set again if it exists)
     * and an empty database it owns.
     */
    public static void recreateOwned(String database, String owner, String password) {
        if (!database.matches("[a-z_][a-z0-9_]*") || !owner.matches("[a-z_][a-z0-9_]*")
                || !password.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException(database + " / " + owner);
        }
        try (Connection connection = superuserConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + owner + "') THEN "
                    + "CREATE ROLE " + owner + " LOGIN; END IF; END $$");
            sql.execute("ALTER ROLE " + owner + " LOGIN PASSWORD '" + password + "'");
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + database + " OWNER " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + database + " for " + owner, e);
        }
    }

    /**
     * Takes a database away as an outage would, without stopping the server the other databases live on: new
     * connections are refused and the open ones cut. {@link #bringBack} ends it.
     */
    public static void takeAway(String database) {
        asSuperuser("ALTER DATABASE " + identifier(database) + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    public static void bringBack(String database) {
        asSuperuser("ALTER DATABASE " + identifier(database) + " ALLOW_CONNECTIONS true");
    }

    private static void asSuperuser(String... statements) {
        try (Connection connection = superuserConnection(); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + String.join("; ", statements), e);
        }
    }

    /** An unquoted PostgreSQL identifier, since it is spliced into statements. */
    private static String identifier(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(database);
        }
        return database;
    }

    private static Connection superuserConnection() throws SQLException {
        String url = jdbcUrl("postgres");
        try {
            return DriverManager.getConnection(url, SUPERUSER, "");
        } catch (SQLException unreachable) {
            // A machine whose server is stopped: the project's own script starts (or installs) it.
            startServer();
            return DriverManager.getConnection(url, SUPERUSER, "");
        }
    }

    private static void startServer() {
        try {
            Process process = new ProcessBuilder("bash",
                    RepositoryRoot.get().resolve("deploy/local/lib/postgres.sh").toString())
                    .inheritIO().start();
            process.waitFor(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL is not reachable and could not be started", e);
        }
    }
}
