package cn.jinjiang.emergency.reserves.domain.agreement;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An agreement reserve (协议储备): a company holds a committed quantity of an item for the bureau, on call. */
@Entity
@Table(name = "agreement")
public class Agreement extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String company;

    public String contact;

    @Column(name = "item_code")
    public String itemCode;

    @Column(name = "committed_quantity")
    public int committedQuantity;

    @Column(name = "called_off")
    public int calledOff;

    @Column(name = "lead_time_hours")
    public int leadTimeHours;

    public double latitude;

    public double longitude;

    public int remaining() {
        return committedQuantity - calledOff;
    }

    /** What is called off now is delivered by the company within its contracted lead time. */
    public OffsetDateTime dueFrom(OffsetDateTime now) {
        return now.plus(Duration.ofHours(leadTimeHours));
    }

    public GeoPoint position() {
        return new GeoPoint(latitude, longitude);
    }
}
