package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One version of a warning in its history: what it said, what was done (drafted, changed, approved, a change proposed
 * …), by whom and when. Rows are only ever added, so the history is also the record four-eyes approval consults.
 */
@Entity
@Table(name = "warning_version")
public class WarningVersion extends PanacheEntityBase {

    public enum Action {
        /** The warning as it stood when history began (warnings older than it). */
        RECORDED,
        DRAFTED,
        /** A draft changed. */
        CHANGED,
        /** A draft approved: issued as a CAP Alert. */
        APPROVED,
        /** An issued blue or yellow warning changed at once: a CAP Update. */
        UPDATED,
        /** A change to an issued warning that waits for a second person; the content is the proposal's. */
        CHANGE_PROPOSED,
        /** The waiting change approved: issued as a CAP Update. */
        CHANGE_APPROVED,
        /** The waiting change dropped; the issued version stays. */
        CHANGE_REJECTED,
        /** An issued warning lifted, or a draft dropped, on one person's word (a CAP Cancel if it was issued). */
        CANCELLED,
        /**
         * Lifting an issued orange or red warning proposed; it waits for a second person and stays in force meanwhile.
         * The content is the warning's as it stands, the note the reason.
         */
        CANCEL_PROPOSED,
        /** The waiting cancellation approved: the warning is lifted with a CAP Cancel. */
        CANCEL_APPROVED,
        /** The waiting cancellation dropped; the warning stays in force. */
        CANCEL_REJECTED,
        EXPIRED
    }

    @Id
    public UUID id;

    @Column(name = "warning_id")
    public UUID warningId;

    public int version;

    @Enumerated(EnumType.STRING)
    public Action action;

    @Column(name = "actor")
    public String by;

    @Column(name = "happened_at")
    public OffsetDateTime at;

    @Enumerated(EnumType.STRING)
    public Hazard hazard;

    @Enumerated(EnumType.STRING)
    public WarningLevel level;

    @Enumerated(EnumType.STRING)
    public WarningMode mode;

    public String headline;

    public String description;

    public String instruction;

    @Column(name = "area_codes")
    public String areaCodeList;

    @Column(name = "effective_at")
    public OffsetDateTime effectiveAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "cap_identifier")
    public String capIdentifier;

    public String note;

    public List<String> areaCodes() {
        return Arrays.asList(areaCodeList.split(","));
    }

    /**
     * Adds the warning's next version, with {@code content}'s text; the caller holds the warning's lock, which keeps
     * the numbering gapless and in order.
     */
    static Uni<WarningVersion> record(Warning warning, Warning content, Action action, String by, OffsetDateTime at,
                                      String capIdentifier, String note) {
        WarningVersion row = new WarningVersion();
        row.id = UUID.randomUUID();
        row.warningId = warning.id;
        row.version = ++warning.versionCount;
        row.action = action;
        row.by = by;
        row.at = at;
        row.hazard = content.hazard;
        row.level = content.level;
        row.mode = content.mode;
        row.headline = content.headline;
        row.description = content.description;
        row.instruction = content.instruction;
        row.areaCodeList = content.areaCodeList;
        row.effectiveAt = content.effectiveAt;
        row.expiresAt = content.expiresAt;
        row.capIdentifier = capIdentifier;
        row.note = note;
        return row.persist().replaceWith(row);
    }

    /** Puts this version's content in force on the warning. */
    void applyTo(Warning warning, OffsetDateTime now) {
        warning.hazard = hazard;
        warning.level = level;
        warning.mode = mode;
        warning.headline = headline;
        warning.description = description;
        warning.instruction = instruction;
        warning.areaCodeList = areaCodeList;
        warning.effectiveAt = effectiveAt;
        warning.expiresAt = expiresAt;
        warning.updatedAt = now;
    }

    /** The warning's history, oldest first. */
    public static Uni<List<WarningVersion>> of(UUID warningId) {
        return list("warningId = ?1 order by version", warningId);
    }

    /** Who made versions of these kinds from {@code fromVersion} on, in the order they first did. */
    static Uni<Set<String>> authors(UUID warningId, int fromVersion, Collection<Action> actions) {
        return WarningVersion.<WarningVersion>list("warningId = ?1 and version >= ?2 and action in ?3 order by version",
                        warningId, fromVersion, actions)
                .map(rows -> {
                    Set<String> names = new LinkedHashSet<>();
                    rows.forEach(row -> names.add(row.by));
                    return names;
                });
    }
}
