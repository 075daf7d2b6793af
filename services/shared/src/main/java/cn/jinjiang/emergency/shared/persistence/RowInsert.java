package cn.jinjiang.emergency.shared.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Many rows of one table in one INSERT, in the current session's transaction. For a change that writes many rows at
 * once (a round of allocations, its events): persisting them one by one as entities would send them one by one, each
 * a round trip that the transaction, and every caller waiting for it, sits out. Rows are inserted in the order added.
 */
public final class RowInsert {

    /** PostgreSQL binds at most this many parameters in one statement. */
    private static final int MAX_PARAMETERS = 65_535;

    private final String table;
    private final String[] columns;
    private final String[] types;
    private final List<Object[]> rows = new ArrayList<>();

    private RowInsert(String table, String[] columns, String[] types) {
        this.table = table;
        this.columns = columns;
        this.types = types;
    }

    /**
     * @param columns names; a column that may be given null is named with its type, {@code "delivery_note:text"}, as
     *                a null bound without one has no type PostgreSQL can take for the column
     */
    public static RowInsert into(String table, String... columns) {
        String[] names = new String[columns.length];
        String[] types = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int colon = columns[i].indexOf(':');
            names[i] = colon < 0 ? columns[i] : columns[i].substring(0, colon);
            types[i] = colon < 0 ? null : columns[i].substring(colon + 1);
        }
        return new RowInsert(table, names, types);
    }

    /** The values of one row, in the order of the columns. */
    public RowInsert row(Object... values) {
        if (values.length != columns.length) {
            throw new IllegalArgumentException(table + " takes " + columns.length + " values, not " + values.length);
        }
        rows.add(values);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Inserts the rows (in as many statements as the parameter limit asks); the number of rows inserted. */
    public Uni<Integer> execute() {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int perStatement = MAX_PARAMETERS / columns.length;
        Uni<Integer> done = Uni.createFrom().item(0);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + perStatement));
            done = done.flatMap(before -> statement(part).map(inserted -> before + inserted));
        }
        return done;
    }

    private Uni<Integer> statement(List<Object[]> part) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES ");
        int parameter = 1;
        for (int r = 0; r < part.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns.length; c++) {
                sql.append(c == 0 ? "" : ", ");
                if (types[c] == null) {
                    sql.append('?').append(parameter++);
                } else {
                    sql.append("CAST(?").append(parameter++).append(" AS ").append(types[c]).append(')');
                }
            }
            sql.append(')');
        }
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery(sql.toString());
            int p = 1;
            for (Object[] row : part) {
                for (Object value : row) {
                    insert.setParameter(p++, value);
                }
            }
            return insert.executeUpdate();
        });
    }
}
