package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidDesk;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidSettings;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.security.SecurityConfig;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * Mutual aid for units: the incident's bureau asks another for units of some types (dispatch.mutual-aid-* on
 * dispatch-events); only while a request stands accepted may the lender's units of those types be assigned to the
 * incident, up to the counts ({@link LentUnits}). The steps are the same for stock ({@link MutualAidDesk}).
 */
@Singleton
public class MutualAid extends MutualAidDesk<MutualAidRequest> {

    private static final Steps STEPS = new Steps(EventType.DISPATCH_MUTUAL_AID_REQUESTED,
            EventType.DISPATCH_MUTUAL_AID_ACCEPTED, EventType.DISPATCH_MUTUAL_AID_DECLINED,
            EventType.DISPATCH_MUTUAL_AID_WITHDRAWN, EventType.DISPATCH_MUTUAL_AID_OVERDUE);

    public MutualAid(Outbox outbox, SecurityConfig security, MutualAidSettings settings, OutboxCommits commits,
                     Vertx vertx) {
        super(MutualAidRequest.class, Incident.class, STEPS, "units",
                new Plumbing(outbox, security, settings, commits, vertx));
    }
}
