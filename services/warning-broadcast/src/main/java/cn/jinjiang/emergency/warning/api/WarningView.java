package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import cn.jinjiang.emergency.warning.domain.warning.CapMessage;
import cn.jinjiang.emergency.warning.domain.warning.Warning;
import cn.jinjiang.emergency.warning.domain.warning.WarningVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A warning as the API shows it (the version in force), with the CAP messages issued for it (their XML at .../cap),
 * the change waiting for a second person if there is one, and, for one warning on its own, its history.
 */
public record WarningView(
        UUID id,
        UUID incidentId,
        Hazard hazard,
        WarningLevel level,
        WarningMode mode,
        String headline,
        String description,
        String instruction,
        List<String> areaCodes,
        OffsetDateTime effectiveAt,
        OffsetDateTime expiresAt,
        Warning.Status status,
        String draftedBy,
        OffsetDateTime draftedAt,
        String approvedBy,
        OffsetDateTime approvedAt,
        String endedBy,
        OffsetDateTime endedAt,
        String endReason,
        List<Message> capMessages,
        PendingChange pendingChange,
        // Left out of lists, which would otherwise carry every version of hundreds of warnings.
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Version> history) {

    public record Message(String identifier, MsgType msgType, OffsetDateTime sentAt) {
    }

    /**
     * What waits for somebody other than its proposers: a change to the issued warning, not in force ({@code CHANGE};
     * the content is the one proposed), or lifting it ({@code CANCEL}; the content is the warning's as it stands,
     * {@code reason} why it would be lifted).
     */
    public record PendingChange(Kind kind, int version, Hazard hazard, WarningLevel level, WarningMode mode,
                                String headline, String description, String instruction, List<String> areaCodes,
                                OffsetDateTime effectiveAt, OffsetDateTime expiresAt, List<String> proposedBy,
                                OffsetDateTime proposedAt, String reason) {

        public enum Kind { CHANGE, CANCEL }
    }

    /** One version: what the warning said, what was done, by whom, when, and the CAP message it was issued as. */
    public record Version(int version, WarningVersion.Action action, String by, OffsetDateTime at, Hazard hazard,
                          WarningLevel level, WarningMode mode, String headline, String description,
                          String instruction, List<String> areaCodes, OffsetDateTime effectiveAt,
                          OffsetDateTime expiresAt, String capIdentifier, String note) {
    }

    /** @param versions the warning's history (may be empty when it has no waiting change and is not shown) */
    static WarningView of(Warning w, List<CapMessage> messages, List<WarningVersion> versions, boolean withHistory) {
        return new WarningView(w.id, w.incidentId, w.hazard, w.level, w.mode, w.headline, w.description,
                w.instruction, w.areaCodes(), w.effectiveAt, w.expiresAt, w.status, w.draftedBy, w.draftedAt,
                w.approvedBy, w.approvedAt, w.endedBy, w.endedAt, w.endReason,
                messages.stream().map(m -> new Message(m.identifier, m.msgType, m.sentAt)).toList(),
                pending(w, versions),
                withHistory ? versions.stream().map(WarningView::version).toList() : null);
    }

    private static PendingChange pending(Warning w, List<WarningVersion> versions) {
        if (!w.hasPendingChange()) {
            return null;
        }
        Set<String> proposers = new LinkedHashSet<>();
        WarningVersion latest = null;
        for (WarningVersion v : versions) {
            if (v.version >= w.changeFrom && (v.action == WarningVersion.Action.CHANGE_PROPOSED
                    || v.action == WarningVersion.Action.CANCEL_PROPOSED)) {
                proposers.add(v.by);
            }
            if (v.version == w.changeVersion) {
                latest = v;
            }
        }
        if (latest == null) {
            return null;
        }
        boolean cancel = latest.action == WarningVersion.Action.CANCEL_PROPOSED;
        return new PendingChange(cancel ? PendingChange.Kind.CANCEL : PendingChange.Kind.CHANGE, latest.version,
                latest.hazard, latest.level, latest.mode, latest.headline,
                latest.description, latest.instruction, latest.areaCodes(), latest.effectiveAt, latest.expiresAt,
                List.copyOf(proposers), latest.at, cancel ? latest.note : null);
    }

    private static Version version(WarningVersion v) {
        return new Version(v.version, v.action, v.by, v.at, v.hazard, v.level, v.mode, v.headline, v.description,
                v.instruction, v.areaCodes(), v.effectiveAt, v.expiresAt, v.capIdentifier, v.note);
    }

    /** The county bureau it belongs to (its area code's first six digits: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return areaCodes == null || areaCodes.isEmpty() ? null : AreaCodes.jurisdictionOf(areaCodes.get(0));
    }
}
