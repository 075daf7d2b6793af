package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.contract.GeoPoint;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Decides where an allocation's items come from: for each item the nearest warehouses holding it free, first-expiry-
 * first-out inside a warehouse, splitting across warehouses until the quantity is met or the stock runs out. Pure:
 * the caller reads the stock under the items' locks and applies the plan.
 */
public final class AllocationPlanner {

    private AllocationPlanner() {
    }

    /** An item and quantity asked for. */
    public record Need(String itemCode, int quantity) {
    }

    /**
     * Free stock of one lot, with where its warehouse is and whose it is.
     *
     * @param jurisdiction the county bureau the warehouse belongs to (its area's first six digits)
     */
    public record Stocked(UUID lotId, String itemCode, UUID warehouseId, String warehouseCode, GeoPoint position,
                          LocalDate expiresOn, OffsetDateTime receivedAt, int free, String jurisdiction) {

        /** The lot with {@code taken} of its free stock promised to an allocation planned before. */
        public Stocked less(int taken) {
            return new Stocked(lotId, itemCode, warehouseId, warehouseCode, position, expiresOn, receivedAt,
                    free - taken, jurisdiction);
        }
    }

    /** A quantity taken from a lot, and how far it travels. */
    public record Take(Stocked lot, int quantity, double km) {
    }

    /** What a need gets: takes in order of preference, and what is left uncovered. */
    public record Line(Need need, List<Take> takes) {
        public int reserved() {
            return takes.stream().mapToInt(Take::quantity).sum();
        }

        public int uncovered() {
            return need.quantity() - reserved();
        }
    }

    /** Inside a warehouse, the lot expiring first goes first; lots that never expire last; then the oldest. */
    public static final Comparator<Stocked> FIRST_EXPIRY_FIRST_OUT = Comparator
            .comparing(Stocked::expiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Stocked::receivedAt)
            .thenComparing(Stocked::lotId);

    /**
     * @param jurisdiction the incident's (its bureau's stock only: the other county's comes by mutual aid), or null
     *                     for any warehouse
     */
    public static List<Line> plan(List<Need> needs, List<Stocked> stock, GeoPoint point, String jurisdiction) {
        return plan(needs, stock, point, jurisdiction, LentStock.NONE);
    }

    /**
     * @param jurisdiction the incident's: its bureau's stock goes first, nearest first; then, nearest first, other
     *                     bureaus' as far as {@code lent} allows (drawn down by what is taken); null for any warehouse
     */
    public static List<Line> plan(List<Need> needs, List<Stocked> stock, GeoPoint point, String jurisdiction,
                                  LentStock lent) {
        Predicate<Stocked> own = lot -> jurisdiction == null || jurisdiction.equals(lot.jurisdiction());
        Map<String, List<Stocked>> byItem = stock.stream()
                .filter(lot -> lot.free() > 0 && (own.test(lot) || lent.left(lot.jurisdiction(), lot.itemCode()) > 0))
                .collect(Collectors.groupingBy(Stocked::itemCode));
        List<Line> lines = new ArrayList<>();
        for (Need need : needs) {
            ToDoubleFunction<Stocked> distance = lot -> lot.position().kmTo(point);
            List<Stocked> ordered = byItem.getOrDefault(need.itemCode(), List.of()).stream()
                    .sorted(Comparator.comparing((Stocked lot) -> !own.test(lot))
                            .thenComparingDouble(distance)
                            .thenComparing(Stocked::warehouseCode)
                            .thenComparing(FIRST_EXPIRY_FIRST_OUT))
                    .toList();
            List<Take> takes = new ArrayList<>();
            int left = need.quantity();
            for (Stocked lot : ordered) {
                if (left == 0) {
                    break;
                }
                boolean borrowed = !own.test(lot);
                int take = Math.min(left, borrowed ? Math.min(lot.free(), lent.left(lot.jurisdiction(),
                        lot.itemCode())) : lot.free());
                if (take <= 0) {
                    continue;
                }
                if (borrowed) {
                    lent.take(lot.jurisdiction(), lot.itemCode(), take);
                }
                takes.add(new Take(lot, take, Arrivals.km(lot.position(), point)));
                left -= take;
            }
            lines.add(new Line(need, takes));
        }
        return lines;
    }
}
