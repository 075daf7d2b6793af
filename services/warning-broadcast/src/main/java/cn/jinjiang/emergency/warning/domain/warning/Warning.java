package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.shared.security.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A warning (预警): drafted, approved and issued, then updated, cancelled or expired. */
@Entity
@Table(name = "warning")
public class Warning extends PanacheEntityBase {

    public enum Status { DRAFT, ACTIVE, CANCELLED, EXPIRED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Hazard hazard;

    @Enumerated(EnumType.STRING)
    public WarningLevel level;

    @Enumerated(EnumType.STRING)
    public WarningMode mode;

    public String headline;

    public String description;

    public String instruction;

    @Column(name = "effective_at")
    public OffsetDateTime effectiveAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "incident_id")
    public UUID incidentId;

    /** Comma-separated target areas, as given. */
    @Column(name = "area_codes")
    public String areaCodeList;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "drafted_by")
    public String draftedBy;

    @Column(name = "drafted_at")
    public OffsetDateTime draftedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "coverage_published_at")
    public OffsetDateTime coveragePublishedAt;

    @Column(name = "coverage_checked_at")
    public OffsetDateTime coverageCheckedAt;

    /** CAP messages issued so far; the next one is number capCount + 1. */
    @Column(name = "cap_count")
    public int capCount;

    /** Versions in the warning's history so far; the next one is number versionCount + 1. */
    @Column(name = "version_count")
    public int versionCount;

    /**
     * The first version of what waits for a second person on this issued warning (a change, or lifting it: the
     * action of its versions tells which), or null.
     */
    @Column(name = "change_from")
    public Integer changeFrom;

    /** The version that waiting change would issue (its latest proposal; a cancellation's only one), or null. */
    @Column(name = "change_version")
    public Integer changeVersion;

    public List<String> areaCodes() {
        return Arrays.asList(areaCodeList.split(","));
    }

    /** The jurisdiction (county bureau) the warning speaks for: its areas are all of one ({@link Warnings#checked}). */
    public String jurisdiction() {
        return AreaCodes.jurisdiction(areaCodes().get(0));
    }

    /** Whether every area the warning targets lies in {@code scope} (a caller's jurisdiction or area); null: any. */
    public boolean within(String scope) {
        return scope == null || areaCodes().stream().allMatch(code -> AreaCodes.covers(scope, code));
    }

    /**
     * Whether the warning reaches {@code area} (a duty officer's): it targets the area, an area above it (a town's
     * warning reaches its villages) or a place inside it.
     */
    public boolean reaches(String area) {
        return areaCodes().stream().anyMatch(code -> AreaCodes.covers(code, area) || AreaCodes.covers(area, code));
    }

    /** Whether the caller may read the warning: a duty officer one reaching their area, others within their scope. */
    public boolean readableBy(Caller caller) {
        return caller.area() != null ? reaches(caller.area()) : within(caller.scope());
    }

    /** Red and orange warnings are issued only on a second person's approval. */
    public boolean needsSecondPerson() {
        return needsSecondPerson(level);
    }

    /**
     * Orange and red: issued, and changed, only on a second person's word, since a false or wrongly changed alarm at
     * those levels (evacuations, closures) harms as much as a missed one.
     */
    public static boolean needsSecondPerson(WarningLevel level) {
        return level == WarningLevel.ORANGE || level == WarningLevel.RED;
    }

    /** A change to this issued warning, or lifting it, waits for a second person's approval. */
    public boolean hasPendingChange() {
        return changeVersion != null;
    }

    /** The event key: the incident the warning was drafted from, or the warning itself. */
    public UUID subject() {
        return incidentId != null ? incidentId : id;
    }

    /** The warning as the draft would make it, not persisted: what a proposed change to an issued one would say. */
    Warning proposed(WarningDraft draft, OffsetDateTime now) {
        Warning proposal = new Warning();
        proposal.id = id;
        proposal.apply(draft, now);
        return proposal;
    }

    void apply(WarningDraft draft, OffsetDateTime now) {
        hazard = draft.hazard();
        level = draft.level();
        mode = draft.mode() == null ? WarningMode.ACTUAL : draft.mode();
        headline = draft.headline().strip();
        description = draft.description() == null ? null : draft.description().strip();
        instruction = draft.instruction().strip();
        effectiveAt = draft.effectiveAt() == null ? now : draft.effectiveAt();
        expiresAt = draft.expiresAt();
        areaCodeList = String.join(",", draft.areaCodes());
        updatedAt = now;
    }
}
