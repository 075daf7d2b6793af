package cn.jinjiang.emergency.shared.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are the database being away (503, retry) and which are defects (500). */
class StoreUnavailableTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsUnavailable() {
        assertTrue(StoreUnavailable.causes(new IllegalStateException("session failed",
                new ConnectException("Connection refused: /127.0.0.1:5432"))));
        assertTrue(StoreUnavailable.causes(ClosedConnectionException.INSTANCE));
        // As seen when PostgreSQL stopped in the middle of a report's transaction.
        assertTrue(StoreUnavailable.causes(new CompositeException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection"))));
        assertTrue(StoreUnavailable.causes(new RuntimeException(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null))));
        assertTrue(StoreUnavailable.causes(
                new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(StoreUnavailable.causes(new PgException(
                "remaining connection slots are reserved for non-replication superuser connections", "FATAL",
                "53300", null)));
    }

    @Test
    void aFailingStatementIsADefectNotAnOutage() {
        assertFalse(StoreUnavailable.causes(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(StoreUnavailable.causes(new IllegalStateException("bug")));
    }
}
