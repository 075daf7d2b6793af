package cn.jinjiang.emergency.intake.domain.area;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** An administrative area (行政区划): reference data, loaded from db/reference/areas.csv. */
@Entity
@Table(name = "area")
public class Area extends PanacheEntityBase {

    public enum Level { PREFECTURE, COUNTY, TOWNSHIP, VILLAGE }

    @Id
    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    @Enumerated(EnumType.STRING)
    public Level level;

    @Column(name = "parent_code")
    public String parentCode;

    public int population;

    /** An illustrative centre and radius (areas.csv): enough to flag a position far outside, not a boundary. */
    public Double latitude;

    public Double longitude;

    @Column(name = "radius_km")
    public Double radiusKm;

    /**
     * Whether a position lies farther from the area's centre than its radius. An area without a circle holds every
     * position: the flag is for the command centre to look twice, so it is only raised where the data supports it.
     */
    public boolean isFarFrom(double latitude, double longitude) {
        if (this.latitude == null || this.longitude == null || radiusKm == null) {
            return false;
        }
        return new GeoPoint(this.latitude, this.longitude).kmTo(new GeoPoint(latitude, longitude)) > radiusKm;
    }

    public static Uni<List<Area>> listByCode() {
        return list("order by code");
    }
}
