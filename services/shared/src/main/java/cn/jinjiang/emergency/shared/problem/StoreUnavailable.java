package cn.jinjiang.emergency.shared.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;

/**
 * Tells a failure caused by the service's database being away (stopped, restarting, unreachable) from a defect. The
 * client can do nothing about either, but the first passes: it is answered 503 with Retry-After, so a field device
 * retries the report instead of giving it up.
 */
final class StoreUnavailable {

    private StoreUnavailable() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // A connection lost mid-transaction fails both the statement and the rollback, reported together.
            if (cause instanceof CompositeException composite
                    && composite.getCauses().stream().anyMatch(StoreUnavailable::causes)) {
                return true;
            }
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: shut down by an operator, crashed, starting up;
            // 53300: every connection slot taken, so try again shortly.
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                    || pg.getSqlState().equals("53300"))) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Connection refused") || message.contains("Connection reset")
                    || message.contains("Connection closed") || message.contains("Pool closed")
                    || message.contains("Connection is not active")) {
                return true;
            }
        }
        return false;
    }
}
