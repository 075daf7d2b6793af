package cn.jinjiang.emergency.dispatch.domain.unit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where units are based: a fire station, a town's rescue base, a medical station, a helicopter landing point. */
@Entity
@Table(name = "station")
public class Station extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    public String kind;

    @Column(name = "area_code")
    public String areaCode;

    public double latitude;

    public double longitude;

    /** Not from an official list: a stand-in for the bureau to replace. */
    public boolean illustrative;
}
