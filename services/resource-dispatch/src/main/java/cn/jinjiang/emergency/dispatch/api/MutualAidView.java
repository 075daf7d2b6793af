package cn.jinjiang.emergency.dispatch.api;

import cn.jinjiang.emergency.dispatch.domain.assignment.MutualAidRequest;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A mutual-aid request as both bureaus read it. */
public record MutualAidView(UUID id, UUID incidentId, String requestingJurisdiction, String lendingJurisdiction,
                            List<MutualAidNotice.Line> units, String reason, OffsetDateTime answerBy,
                            MutualAidNotice.Status status, boolean overdue, String requestedBy,
                            OffsetDateTime requestedAt, String answeredBy, OffsetDateTime answeredAt, String note) {

    static MutualAidView of(MutualAidRequest r) {
        return new MutualAidView(r.id, r.incidentId, r.requestingJurisdiction, r.lendingJurisdiction, r.units(),
                r.reason, r.answerBy, r.status, r.overdueAt != null, r.requestedBy, r.requestedAt, r.answeredBy,
                r.answeredAt, r.note);
    }
}
