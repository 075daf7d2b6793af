package cn.jinjiang.emergency.intake.domain.area;

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

    public static Uni<List<Area>> listByCode() {
        return list("order by code");
    }
}
