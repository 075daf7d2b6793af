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
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * Counts for one area (a town, or a bureau's whole county), or the total; onTimeShare is null where nothing fell
     * due.
     *
     * @param jurisdiction the bureau the area belongs to; null for the total
     */
    public record Timeliness(String areaCode, String jurisdiction, long due, long onTime, long late, long missing,
                             Double onTimeShare) {

        static Timeliness of(String areaCode, long due, long onTime, long late, long missing) {
            return new Timeliness(areaCode, AreaCodes.jurisdictionOf(areaCode), due, onTime, late, missing,
                    due == 0 ? null : (double) onTime / due);
        }

        /** The same counts, for the area that holds this one. */
        Timeliness withArea(String code) {
            return of(code, due, onTime, late, missing);
        }

        Timeliness plus(Timeliness other) {
            return of(areaCode, due + other.due, onTime + other.onTime, late + other.late, missing + other.missing);
        }
    }

    /** @param jurisdictions per bureau, its towns together (a prefecture's caller sees both counties apart) */
    public record Report(OffsetDateTime from, OffsetDateTime to, List<Timeliness> areas,
                         List<Timeliness> jurisdictions, Timeliness total) {
    }

    /**
     * @param callerScope the caller's scope (a duty officer's area, the command centre's jurisdiction): only it and
     *                    below are counted; null for every area
     */
    public Uni<Report> between(OffsetDateTime from, OffsetDateTime to, String callerScope, OffsetDateTime now) {
        String scope = callerScope == null ? "%" : AreaCodes.prefix(callerScope) + "%";
        return pool.preparedQuery(QUERY).execute(Tuple.of(from, to, now, scope)).map(rows -> {
            List<Timeliness> areas = new ArrayList<>();
            Map<String, Timeliness> bureaus = new TreeMap<>();
            Timeliness total = Timeliness.of(null, 0, 0, 0, 0);
            for (Row row : rows) {
                Timeliness area = Timeliness.of(row.getString("town"), row.getLong("due"), row.getLong("on_time"),
                        row.getLong("late"), row.getLong("missing"));
                areas.add(area);
                bureaus.merge(area.jurisdiction(), area.withArea(county(area.jurisdiction())), Timeliness::plus);
                total = total.plus(area);
            }
            return new Report(from, to, areas, List.copyOf(bureaus.values()), total);
        });
    }

    /** The county's own code, e.g. 350582000000 for Jinjiang. */
    private static String county(String jurisdiction) {
        return jurisdiction + "000000";
    }
}
