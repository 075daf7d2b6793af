package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import cn.jinjiang.emergency.warning.domain.warning.CapMessage;
import cn.jinjiang.emergency.warning.domain.warning.Warning;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A warning as the API shows it, with the CAP messages issued for it (their XML at .../cap). */
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
        List<Message> capMessages) {

    public record Message(String identifier, MsgType msgType, OffsetDateTime sentAt) {
    }

    static WarningView of(Warning w, List<CapMessage> messages) {
        return new WarningView(w.id, w.incidentId, w.hazard, w.level, w.mode, w.headline, w.description,
                w.instruction, w.areaCodes(), w.effectiveAt, w.expiresAt, w.status, w.draftedBy, w.draftedAt,
                w.approvedBy, w.approvedAt, w.endedBy, w.endedAt, w.endReason,
                messages.stream().map(m -> new Message(m.identifier, m.msgType, m.sentAt)).toList());
    }
}
