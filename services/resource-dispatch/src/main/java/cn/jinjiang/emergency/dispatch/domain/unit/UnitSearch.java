package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.contract.Capability;
import cn.jinjiang.emergency.shared.contract.UnitStatus;
import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.persistence.Filters;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** The filters of the unit list; an area covers everything below it. */
public record UnitSearch(UnitStatus status, UnitType type, Capability capability, String areaCode) {

    public record Found(List<Unit> items, long total) {
    }

    public Uni<Found> page(int page, int size) {
        Filters filters = new Filters().equal("status", status).equal("type", type)
                .where("concat(',', capabilityList, ',') like :%s", capability == null ? null
                        : "%," + capability.name() + ",%")
                .inArea("areaCode", areaCode);
        Sort byCallSign = Sort.ascending("callSign");
        PanacheQuery<Unit> query = filters.isEmpty() ? Unit.findAll(byCallSign)
                : Unit.find(filters.query(), byCallSign, filters.parameters());
        return query.page(Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Found(items, total)));
    }
}
