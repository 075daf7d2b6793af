package cn.jinjiang.emergency.reserves.domain.stock;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.events.StockLevels;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A reserve warehouse: the city reserve, a town point or a community point. */
@Entity
@Table(name = "warehouse")
public class Warehouse extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    @Enumerated(EnumType.STRING)
    public StockLevels.Level level;

    @Column(name = "area_code")
    public String areaCode;

    public double latitude;

    public double longitude;

    public String operator;

    @Column(name = "stock_version")
    public long stockVersion;

    public GeoPoint position() {
        return new GeoPoint(latitude, longitude);
    }
}
