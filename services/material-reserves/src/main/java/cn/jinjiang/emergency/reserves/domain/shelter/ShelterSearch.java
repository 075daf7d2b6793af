package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.persistence.Filters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.Comparator;
import java.util.List;

/**
 * The filters of the shelter list. An area covers everything below it; a duty officer's own area (officerArea) always
 * bounds the result. With {@code near}, only shelters that could take someone now are listed (open with free places,
 * or closed and so ready to be opened), nearest first.
 */
public record ShelterSearch(String officerArea, String areaCode, ShelterKind kind, ShelterNotice.Status status,
                            GeoPoint near) {

    /** A shelter with its distance from {@code near} (null without). */
    public record Found(Shelter shelter, Double distanceKm) {
    }

    public record Page(List<Found> items, long total) {
    }

    /*
     * The register is a few hundred rows at most (a county's plan lists about a hundred), so distances are computed
     * here over the filtered rows rather than in SQL, and the page is cut from the sorted list.
     */
    public Uni<Page> page(int page, int size) {
        Filters filters = new Filters().inArea("areaCode", officerArea).inArea("areaCode", areaCode)
                .equal("kind", kind).equal("status", status)
                .where("(status = :%s or occupancy < capacity)", near == null ? null : ShelterNotice.Status.CLOSED);
        Sort byCode = Sort.ascending("code");
        Uni<List<Shelter>> rows = filters.isEmpty() ? Shelter.listAll(byCode)
                : Shelter.list(filters.query(), byCode, filters.parameters());
        return rows.map(shelters -> {
            List<Found> found = shelters.stream()
                    .map(shelter -> new Found(shelter, near == null ? null : near.kmTo(shelter.position())))
                    .sorted(near == null ? Comparator.comparing((Found f) -> f.shelter().code)
                            : Comparator.comparingDouble(Found::distanceKm).thenComparing(f -> f.shelter().code))
                    .toList();
            int from = (int) Math.min((long) page * size, found.size());
            int to = Math.min(from + size, found.size());
            return new Page(found.subList(from, to), found.size());
        });
    }
}
