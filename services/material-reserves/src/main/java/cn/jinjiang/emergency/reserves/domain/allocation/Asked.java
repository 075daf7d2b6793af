package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.reserves.domain.allocation.AllocationPlanner.Need;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests.Claim;
import cn.jinjiang.emergency.shared.idempotency.Replay;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** An allocation asked for, with the answer to give once it is made; rounds ({@link AllocationRound}) take them. */
public record Asked(UUID incidentId, List<Need> needs, GeoPoint point, String note, String by, Claim claim,
                    Function<AllocationSheet, Replay> answer) {
}
