package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.UnitType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A request for another bureau's units (regional mutual aid, 区域应急救援协作) as it stands after a step: asked for by
 * the incident's jurisdiction, answered by the lending one's commanders (or the prefecture's), withdrawn by the asking
 * side, or past its answer-by time unanswered. Only an accepted request lets the lender's units of those types be
 * assigned to the incident. Schemas: /schemas/events/dispatch.mutual-aid-*.schema.json
 *
 * @param status the request's status after this step (an overdue request is still REQUESTED)
 * @param by     who took the step ("system" for overdue)
 * @param note   the reason given with a decline or a withdrawal, else null
 */
public record MutualAidNotice(
        UUID requestId,
        UUID incidentId,
        String requestingJurisdiction,
        String lendingJurisdiction,
        List<Line> units,
        String reason,
        OffsetDateTime answerBy,
        Status status,
        String by,
        OffsetDateTime at,
        String note) {

    public enum Status { REQUESTED, ACCEPTED, DECLINED, WITHDRAWN }

    /** How many units of a type are asked for (and, once accepted, may be assigned). */
    public record Line(UnitType type, int count) {
    }
}
