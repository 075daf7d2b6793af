package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.shelter.Shelter;
import cn.jinjiang.emergency.reserves.domain.shelter.ShelterOccupancyChange;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A shelter as the API shows it: standing data, state and free places; in a list ranked by distance its
 * {@code distanceKm}, on its own page its {@code history}, oldest first.
 */
public record ShelterView(UUID id, String code, String name, String nameZh, ShelterKind kind, String areaCode,
                          GeoPoint position, int capacity, int occupancy, int free, ShelterNotice.Status status,
                          UUID incidentId, UUID warningId, UUID transferId, OffsetDateTime openedAt, String openedBy, long version,
                          boolean illustrative,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double distanceKm,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Line> history) {

    public record Line(ShelterOccupancyChange.Kind kind, long version, UUID incidentId, int arrived, int left,
                       int occupancy, String note, String changedBy, OffsetDateTime changedAt) {
        static Line of(ShelterOccupancyChange change) {
            return new Line(change.kind, change.version, change.incidentId, change.arrived, change.departed,
                    change.occupancy, change.note, change.changedBy, change.changedAt);
        }
    }

    static ShelterView of(Shelter shelter) {
        return of(shelter, null, null);
    }

    static ShelterView of(Shelter shelter, Double distanceKm, List<ShelterOccupancyChange> history) {
        return new ShelterView(shelter.id, shelter.code, shelter.name, shelter.nameZh, shelter.kind,
                shelter.areaCode, shelter.position(), shelter.capacity, shelter.occupancy, shelter.free(),
                shelter.status, shelter.incidentId, shelter.warningId, shelter.transferId, shelter.openedAt, shelter.openedBy, shelter.version,
                shelter.illustrative, distanceKm == null ? null : Math.round(distanceKm * 100) / 100.0,
                history == null ? null : history.stream().map(Line::of).toList());
    }

    /** The county bureau it belongs to (its area code's first six digits: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
