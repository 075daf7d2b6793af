package cn.jinjiang.emergency.warning.domain.warning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An administrative area a warning can target (reference data, db/reference/areas.csv of the shared module). */
@Entity
@Table(name = "area")
public class Area extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    public String level;

    @Column(name = "parent_code")
    public String parentCode;

    public int population;
}
