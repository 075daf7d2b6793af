package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.contract.ShelterKind;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A place in the register where people shelter (避难场所): its standing data comes from the reference file, its state
 * (open for an incident, how many people are in it) from the command centre and the duty officers.
 */
@Entity
@Table(name = "shelter")
public class Shelter extends PanacheEntityBase {

    @Id
    public UUID id;

    public String code;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    @Enumerated(EnumType.STRING)
    public ShelterKind kind;

    @Column(name = "area_code")
    public String areaCode;

    public double latitude;

    public double longitude;

    public int capacity;

    public int occupancy;

    @Enumerated(EnumType.STRING)
    public ShelterNotice.Status status;

    /** The incident the shelter is open for (also when opened for a warning about one); null while closed. */
    @Column(name = "incident_id")
    public UUID incidentId;

    /** The warning the shelter was opened for, or whose transfer it was opened for; null otherwise. */
    @Column(name = "warning_id")
    public UUID warningId;

    /** The transfer (转移) the shelter was opened for; null otherwise. */
    @Column(name = "transfer_id")
    public UUID transferId;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "opened_by")
    public String openedBy;

    /** Counts every change; carried by every event about the shelter so consumers can order them. */
    public long version;

    @Column(name = "listed_version")
    public long listedVersion;

    @Column(name = "announced_version")
    public long announcedVersion;

    public boolean illustrative;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public GeoPoint position() {
        return new GeoPoint(latitude, longitude);
    }

    public int free() {
        return capacity - occupancy;
    }

    /** Closed: open for nothing any more. */
    void vacate() {
        incidentId = null;
        warningId = null;
        transferId = null;
        openedAt = null;
        openedBy = null;
    }

    public boolean isOpen() {
        return status == ShelterNotice.Status.OPEN;
    }

    /** Every change bumps the version and joins the history with it; the caller has checked that it is allowed. */
    ShelterOccupancyChange change(ShelterOccupancyChange.Kind kind, UUID incident, int arrived, int left, String note,
            String by, OffsetDateTime at) {
        version++;
        updatedAt = at;
        return ShelterOccupancyChange.of(this, kind, incident, arrived, left, note, by, at);
    }
}
