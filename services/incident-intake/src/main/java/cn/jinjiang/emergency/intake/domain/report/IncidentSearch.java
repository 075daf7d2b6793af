package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.persistence.Filters;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The filters of the incident list. An area filter covers everything below the area; the caller's scope (a duty
 * officer's area, the command centre's jurisdiction) always bounds the result, so a filter outside it finds nothing
 * rather than someone else's incidents.
 */
public record IncidentSearch(String scope, String areaCode, Incident.Status status, Grade grade,
                             IncidentType type, OffsetDateTime occurredFrom, OffsetDateTime occurredTo) {

    public record Found(List<Incident> items, long total) {
    }

    public Uni<Found> page(int page, int size) {
        Filters filters = new Filters().inArea("areaCode", scope).inArea("areaCode", areaCode)
                .equal("status", status).equal("grade", grade).equal("type", type)
                .where("occurredAt >= :%s", occurredFrom).where("occurredAt < :%s", occurredTo);
        Sort newestFirst = Sort.descending("occurredAt").and("id");
        PanacheQuery<Incident> query = filters.isEmpty() ? Incident.findAll(newestFirst)
                : Incident.find(filters.query(), newestFirst, filters.parameters());
        return query.page(Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Found(items, total)));
    }
}
