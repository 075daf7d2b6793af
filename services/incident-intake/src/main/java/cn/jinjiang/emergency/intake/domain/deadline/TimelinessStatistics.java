package cn.jinjiang.emergency.intake.domain.deadline;

import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Report timeliness (信息上报及时率), per town, over the deadlines of a period: a deadline belongs to the period in which
 * it was met in time, or else to the one in which it fell due (so a report made early counts at once, a late or missing
 * one when it was due). It counts once it was met or its time passed; it was met on time, late, or is missing.
 * Deadlines a later report replaced (cancelled) and those not yet due do not count. A village's incidents count for
 * its town.
 */
@ApplicationScoped
public class TimelinessStatistics {

    private static final String QUERY = """
            SELECT substr(area_code, 1, 9) || '000' AS town,
                   count(*) FILTER (WHERE met_at IS NOT NULL OR due_at <= $3) AS due,
                   count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= due_at) AS on_time,
                   count(*) FILTER (WHERE met_at IS NOT NULL AND met_at > due_at) AS late,
                   count(*) FILTER (WHERE met_at IS NULL AND due_at <= $3) AS missing
            FROM report_deadline
            WHERE cancelled_at IS NULL AND LEAST(due_at, COALESCE(met_at, due_at)) >= $1
              AND LEAST(due_at, COALESCE(met_at, due_at)) < $2 AND area_code LIKE $4
            GROUP BY 1
            HAVING count(*) FILTER (WHERE met_at IS NOT NULL OR due_at <= $3) > 0
            ORDER BY 1""";

    private final Pool pool;

    public TimelinessStatistics(Pool pool) {
        this.pool = pool;
    }

    /** Counts for one area, or the total; onTimeShare is null where nothing fell due. */
    public record Timeliness(String areaCode, long due, long onTime, long late, long missing, Double onTimeShare) {

        static Timeliness of(String areaCode, long due, long onTime, long late, long missing) {
            return new Timeliness(areaCode, due, onTime, late, missing, due == 0 ? null : (double) onTime / due);
        }
    }

    public record Report(OffsetDateTime from, OffsetDateTime to, List<Timeliness> areas, Timeliness total) {
    }

    /**
     * @param callerScope the caller's scope (a duty officer's area, the command centre's jurisdiction): only it and
     *                    below are counted; null for every area
     */
    public Uni<Report> between(OffsetDateTime from, OffsetDateTime to, String callerScope, OffsetDateTime now) {
        String scope = callerScope == null ? "%" : AreaCodes.prefix(callerScope) + "%";
        return pool.preparedQuery(QUERY).execute(Tuple.of(from, to, now, scope)).map(rows -> {
            List<Timeliness> areas = new ArrayList<>();
            long due = 0;
            long onTime = 0;
            long late = 0;
            long missing = 0;
            for (Row row : rows) {
                Timeliness area = Timeliness.of(row.getString("town"), row.getLong("due"), row.getLong("on_time"),
                        row.getLong("late"), row.getLong("missing"));
                areas.add(area);
                due += area.due();
                onTime += area.onTime();
                late += area.late();
                missing += area.missing();
            }
            return new Report(from, to, areas, Timeliness.of(null, due, onTime, late, missing));
        });
    }
}
