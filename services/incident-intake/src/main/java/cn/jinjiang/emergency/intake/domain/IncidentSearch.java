package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of the incident list. An area filter covers everything below the area; a duty officer's own area
 * (officerArea) always bounds the result, so a filter outside it finds nothing rather than someone else's incidents.
 */
public record IncidentSearch(String officerArea, String areaCode, Incident.Status status, Grade grade,
                             IncidentType type, OffsetDateTime occurredFrom, OffsetDateTime occurredTo) {

    public record Found(List<Incident> items, long total) {
    }

    public Uni<Found> page(int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (officerArea != null) {
            where.add("areaCode like :officerArea");
            parameters.and("officerArea", AreaCodes.prefix(officerArea) + "%");
        }
        if (areaCode != null) {
            where.add("areaCode like :area");
            parameters.and("area", AreaCodes.prefix(areaCode) + "%");
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (grade != null) {
            where.add("grade = :grade");
            parameters.and("grade", grade);
        }
        if (type != null) {
            where.add("type = :type");
            parameters.and("type", type);
        }
        if (occurredFrom != null) {
            where.add("occurredAt >= :from");
            parameters.and("from", occurredFrom);
        }
        if (occurredTo != null) {
            where.add("occurredAt < :to");
            parameters.and("to", occurredTo);
        }
        Sort newestFirst = Sort.descending("occurredAt").and("id");
        PanacheQuery<Incident> query = where.isEmpty() ? Incident.findAll(newestFirst)
                : Incident.find(String.join(" and ", where), newestFirst, parameters);
        return query.page(Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Found(items, total)));
    }
}
