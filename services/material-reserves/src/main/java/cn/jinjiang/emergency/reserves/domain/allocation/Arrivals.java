package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.config.ReservesPolicy;
import cn.jinjiang.emergency.reserves.domain.agreement.Agreement;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * When materials sent now reach a delivery point: loading, then the road distance (straight line × road factor) at a
 * lorry's average speed. An estimate for planning, not a route. An agreement reserve arrives by its contracted lead
 * time instead ({@link Agreement#dueFrom}).
 */
@ApplicationScoped
public class Arrivals {

    private final ReservesPolicy policy;

    public Arrivals(ReservesPolicy policy) {
        this.policy = policy;
    }

    public OffsetDateTime fromWarehouse(double km, OffsetDateTime now) {
        double hours = km * policy.roadFactor() / policy.roadSpeedKmh();
        return now.plus(policy.loadingTime()).plusSeconds(Math.round(hours * 3600));
    }

    public static double km(GeoPoint from, GeoPoint to) {
        return Math.round(from.kmTo(to) * 100) / 100.0;
    }
}
