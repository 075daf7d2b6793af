package cn.jinjiang.emergency.shared.mutualaid;

import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One bureau's request for another's resources for one of its incidents, and its answer, as the lending service
 * keeps it (table {@code mutual_aid_request}, made by the service's own migration). What is asked for is a count per
 * key: unit types in resource-dispatch, item codes in material-reserves. Each service maps it as its own entity.
 */
@MappedSuperclass
public abstract class MutualAidRecord extends PanacheEntityBase {

    /** The table both services keep their requests in. */
    public static final String TABLE = "mutual_aid_request";

    @Id
    public UUID id;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "requesting_jurisdiction")
    public String requestingJurisdiction;

    @Column(name = "lending_jurisdiction")
    public String lendingJurisdiction;

    /** What is asked for as stored: {@code KEY:count} pairs, comma-separated, in the order asked. */
    @Column(name = "lines")
    public String lines;

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

    /** When the request was told overdue (once), else null. */
    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;

    /** What is asked for: a count per key, in the order asked. */
    public Map<String, Integer> asked() {
        Map<String, Integer> asked = new LinkedHashMap<>();
        Arrays.stream(lines.split(",")).map(pair -> pair.split(":"))
                .forEach(pair -> asked.put(pair[0], Integer.parseInt(pair[1])));
        return asked;
    }

    void asked(Map<String, Integer> asked) {
        lines = asked.entrySet().stream().map(line -> line.getKey() + ":" + line.getValue())
                .collect(Collectors.joining(","));
    }

    /** The request as the service's events carry it after a step. */
    public abstract Object notice(String by, OffsetDateTime at);

    /** How much of {@code key} the request lends once accepted. */
    public int lends(String key) {
        return asked().getOrDefault(key, 0);
    }
}
