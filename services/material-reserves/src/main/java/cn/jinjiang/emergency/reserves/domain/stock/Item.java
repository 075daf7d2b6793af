package cn.jinjiang.emergency.reserves.domain.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A kind of material in the catalogue: sandbags, pumps, tents, food, water. */
@Entity
@Table(name = "item")
public class Item extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    public String category;

    public String unit;

    /** Null: it does not expire. */
    @Column(name = "shelf_life_days")
    public Integer shelfLifeDays;

    @Column(name = "low_stock_level")
    public int lowStockLevel;
}
