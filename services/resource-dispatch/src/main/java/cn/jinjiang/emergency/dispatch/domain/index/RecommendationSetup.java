package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.dispatch.config.DispatchPolicy;
import cn.jinjiang.emergency.shared.contract.UnitType;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * Wires the recommendation index: its travel-time model (replaceable by a road-network provider) and reaches. It lives
 * beside the index it builds, so that the settings in config are read by the domain and never the other way round.
 */
public class RecommendationSetup {

    /** Straight-line distance at a per-type speed; a bean of another TravelTime replaces it. */
    @Produces
    @DefaultBean
    @ApplicationScoped
    TravelTime travelTime() {
        return new StraightLineTravelTime();
    }

    @Produces
    @ApplicationScoped
    UnitIndex unitIndex(TravelTime travelTime, DispatchPolicy policy) {
        return new UnitIndex(travelTime, Map.of(UnitType.HELICOPTER,
                new Reach(policy.air().radiusKm(), policy.air().response().toSeconds() / 60.0)));
    }
}
