package cn.jinjiang.emergency.shared.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.lang.reflect.Array;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Many rows of one table in one INSERT, in the current session's transaction. For a change that writes many rows at
 * once (a round of allocations, its events): persisting them one by one as entities would send them one by one, each
 * a round trip that the transaction, and every caller waiting for it, sits out. The rows travel as one array per
 * column ({@code INSERT ... SELECT * FROM unnest(...)}), so the statement's text is the same whatever their number:
 * PostgreSQL prepares and plans it once. Rows are inserted in the order added.
 */
public final class RowInsert {

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
     * @param columns each as {@code name:type}, the type PostgreSQL's: uuid, text, integer, bigint,
     *                {@code double precision}, timestamptz, date or boolean
     */
    public static RowInsert into(String table, String... columns) {
        String[] names = new String[columns.length];
        String[] types = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int colon = columns[i].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("column " + columns[i] + " of " + table + " names no type");
            }
            names[i] = columns[i].substring(0, colon);
            types[i] = columns[i].substring(colon + 1);
            javaType(types[i]);
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

    /** Inserts the rows; the number inserted. */
    public Uni<Integer> execute() {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") SELECT * FROM unnest(");
        for (int c = 0; c < columns.length; c++) {
            // Timestamps travel as ISO-8601 text: an OffsetDateTime[] reaches the driver as an Instant[] it refuses.
            String parameter = "?" + (c + 1);
            sql.append(c == 0 ? "" : ", ").append(types[c].equals("timestamptz")
                    ? "CAST(CAST(" + parameter + " AS text[]) AS timestamptz[])"
                    : "CAST(" + parameter + " AS " + types[c] + "[])");
        }
        sql.append(')');
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery(sql.toString());
            for (int c = 0; c < columns.length; c++) {
                Object column = Array.newInstance(javaType(types[c]), rows.size());
                for (int r = 0; r < rows.size(); r++) {
                    Object value = rows.get(r)[c];
                    Array.set(column, r, value instanceof OffsetDateTime time ? time.toString() : value);
                }
                insert.setParameter(c + 1, column);
            }
            return insert.executeUpdate();
        });
    }

    private static Class<?> javaType(String type) {
        return switch (type) {
            case "uuid" -> UUID.class;
            case "text" -> String.class;
            case "integer" -> Integer.class;
            case "bigint" -> Long.class;
            case "double precision" -> Double.class;
            case "timestamptz" -> String.class;
            case "date" -> LocalDate.class;
            case "boolean" -> Boolean.class;
            default -> throw new IllegalArgumentException("no array binding for " + type);
        };
    }
}
