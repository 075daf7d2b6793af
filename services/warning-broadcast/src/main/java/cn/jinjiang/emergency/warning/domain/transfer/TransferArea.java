package cn.jinjiang.emergency.warning.domain.transfer;

import cn.jinjiang.emergency.shared.contract.events.TransferProgress;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One area of a transfer (a town or a village), and where it stands: the counts of its latest report, so far and not
 * increments. {@code moved + remaining + refused} is {@code planned}; a recount may set planned apart from the number
 * ordered.
 */
@Entity
@Table(name = "transfer_area")
public class TransferArea extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "transfer_id")
    public UUID transferId;

    @Column(name = "area_code")
    public String areaCode;

    /** The town (street) the area is or lies in: figures are added up per town. */
    @Column(name = "town_code")
    public String townCode;

    /** People to move as ordered. */
    public int ordered;

    /** People to move as last counted: the number ordered until a recount changes it. */
    public int planned;

    /** Of those ordered, the elderly, disabled and children, who need help to move. */
    public int vulnerable;

    /** Who answers for the area's transfer (责任到个人). */
    public String responsible;

    public int moved;

    public int remaining;

    public int refused;

    @Column(name = "vulnerable_moved")
    public int vulnerableMoved;

    /** The shelters the area's people went to, comma-separated codes; null before any. */
    @Column(name = "shelters")
    public String shelterList;

    @Column(name = "recount_reason")
    public String recountReason;

    @Column(name = "reported_by")
    public String reportedBy;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    /** When the area was announced incomplete at the deadline; null if it was not (yet). */
    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;

    /** Where the area stands, as transfer.progress-reported (by someone) or transfer.overdue (by nobody) say it. */
    TransferProgress progress(Transfer transfer, String reason, String by, OffsetDateTime at) {
        return new TransferProgress(transfer.id, transfer.warningId, transfer.incidentId, areaCode, townCode, planned,
                moved, remaining, refused, vulnerableMoved, shelters(), transfer.deadline, reason, by, at);
    }

    public List<String> shelters() {
        return shelterList == null || shelterList.isEmpty() ? List.of() : Arrays.asList(shelterList.split(","));
    }
}
