package cn.jinjiang.emergency.dispatch.config;

import cn.jinjiang.emergency.dispatch.domain.Reach;
import cn.jinjiang.emergency.dispatch.domain.StraightLineTravelTime;
import cn.jinjiang.emergency.dispatch.domain.TravelTime;
import cn.jinjiang.emergency.dispatch.domain.UnitIndex;
import cn.jinjiang.emergency.shared.contract.UnitType;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/** Wires the recommendation index: its travel-time model (replaceable by a road-network provider) and reaches. */
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
