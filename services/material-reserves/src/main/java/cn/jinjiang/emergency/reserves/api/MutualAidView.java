package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.mutualaid.MutualAidRequest;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.contract.events.StockAidNotice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A request for another bureau's stock as both bureaus read it. */
public record MutualAidView(UUID id, UUID incidentId, String requestingJurisdiction, String lendingJurisdiction,
                            List<StockAidNotice.Line> items, String reason, OffsetDateTime answerBy,
                            MutualAidNotice.Status status, boolean overdue, String requestedBy,
                            OffsetDateTime requestedAt, String answeredBy, OffsetDateTime answeredAt, String note) {

    static MutualAidView of(MutualAidRequest r) {
        return new MutualAidView(r.id, r.incidentId, r.requestingJurisdiction, r.lendingJurisdiction, r.items(),
                r.reason, r.answerBy, r.status, r.overdueAt != null, r.requestedBy, r.requestedAt, r.answeredBy,
                r.answeredAt, r.note);
    }
}
