package cn.jinjiang.emergency.reserves.domain.mutualaid;

import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidDesk;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidSettings;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.security.SecurityConfig;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * Mutual aid for stock: the incident's bureau asks another for items (reserve.mutual-aid-* on reserve-events); only
 * while a request stands accepted may the lender's warehouses supply the incident's allocations, up to the quantities
 * asked for (allocation's LentStock). The steps are the same as for units ({@link MutualAidDesk}).
 */
@Singleton
public class MutualAid extends MutualAidDesk<MutualAidRequest> {

    private static final Steps STEPS = new Steps(EventType.RESERVE_MUTUAL_AID_REQUESTED,
            EventType.RESERVE_MUTUAL_AID_ACCEPTED, EventType.RESERVE_MUTUAL_AID_DECLINED,
            EventType.RESERVE_MUTUAL_AID_WITHDRAWN, EventType.RESERVE_MUTUAL_AID_OVERDUE);

    public MutualAid(Outbox outbox, SecurityConfig security, MutualAidSettings settings, OutboxCommits commits,
                     Vertx vertx) {
        super(MutualAidRequest.class, Incident.class, STEPS, "items",
                new Plumbing(outbox, security, settings, commits, vertx));
    }
}
