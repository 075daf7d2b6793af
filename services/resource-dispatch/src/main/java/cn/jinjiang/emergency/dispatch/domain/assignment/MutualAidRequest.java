package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** One bureau's request for another's units for one of its incidents, and its answer. */
@Entity
@Table(name = "mutual_aid_request")
public class MutualAidRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "requesting_jurisdiction")
    public String requestingJurisdiction;

    @Column(name = "lending_jurisdiction")
    public String lendingJurisdiction;

    /** The lines as stored: {@code TYPE:count} pairs, comma-separated. */
    @Column(name = "units")
    public String units;

    public String reason;

    @Column(name = "answer_by")
    public OffsetDateTime answerBy;

    @Enumerated(EnumType.STRING)
    public MutualAidNotice.Status status;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    /** The reason given with a decline or a withdrawal. */
    public String note;

    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;

    public List<MutualAidNotice.Line> lines() {
        return Arrays.stream(units.split(",")).map(pair -> pair.split(":"))
                .map(pair -> new MutualAidNotice.Line(UnitType.valueOf(pair[0]), Integer.parseInt(pair[1])))
                .toList();
    }

    void lines(List<MutualAidNotice.Line> lines) {
        units = lines.stream().map(line -> line.type().name() + ":" + line.count()).collect(Collectors.joining(","));
    }

    /** How many units of {@code type} the request lends once accepted. */
    public int lends(UnitType type) {
        return lines().stream().filter(line -> line.type() == type).mapToInt(MutualAidNotice.Line::count).sum();
    }

    public MutualAidNotice notice(String by, OffsetDateTime at) {
        return new MutualAidNotice(id, incidentId, requestingJurisdiction, lendingJurisdiction, lines(), reason,
                answerBy, status, by, at, note);
    }

    static Uni<MutualAidRequest> locked(UUID id) {
        return MutualAidRequest.<MutualAidRequest>findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** An incident's requests accepted from {@code lender}, locked: assignments of its units take them in turn. */
    public static Uni<List<MutualAidRequest>> acceptedFor(UUID incidentId, String lender) {
        return MutualAidRequest.<MutualAidRequest>find("incidentId = ?1 and lendingJurisdiction = ?2 and status = ?3",
                incidentId, lender, MutualAidNotice.Status.ACCEPTED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
