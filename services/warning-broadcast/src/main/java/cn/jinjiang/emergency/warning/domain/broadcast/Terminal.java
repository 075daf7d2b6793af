package cn.jinjiang.emergency.warning.domain.broadcast;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A loudspeaker terminal (应急广播终端) and how many people hear it. */
@Entity
@Table(name = "terminal")
public class Terminal extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "area_code")
    public String areaCode;

    public String name;

    @Column(name = "population_served")
    public int populationServed;

    public double latitude;

    public double longitude;

    public boolean illustrative;
}
