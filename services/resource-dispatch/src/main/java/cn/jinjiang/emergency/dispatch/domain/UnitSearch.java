package cn.jinjiang.emergency.dispatch.domain;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/** The filters of the unit list; an area covers everything below it. */
public record UnitSearch(UnitStatus status, UnitType type, Capability capability, String areaCode) {

    public record Found(List<Unit> items, long total) {
    }

    public Uni<Found> page(int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (type != null) {
            where.add("type = :type");
            parameters.and("type", type);
        }
        if (capability != null) {
            where.add("concat(',', capabilityList, ',') like :capability");
            parameters.and("capability", "%," + capability.name() + ",%");
        }
        if (areaCode != null) {
            where.add("areaCode like :area");
            parameters.and("area", AreaCodes.prefix(areaCode) + "%");
        }
        Sort byCallSign = Sort.ascending("callSign");
        PanacheQuery<Unit> query = where.isEmpty() ? Unit.findAll(byCallSign)
                : Unit.find(String.join(" and ", where), byCallSign, parameters);
        return query.page(Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Found(items, total)));
    }
}
