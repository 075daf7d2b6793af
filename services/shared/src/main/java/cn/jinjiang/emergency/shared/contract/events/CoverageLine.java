package cn.jinjiang.emergency.shared.contract.events;

/**
 * A warning's reach in one area (or overall, without an area). Two figures of the plans, kept apart: the loudspeaker
 * network's, terminals targeted, played, failed and not yet heard of, and the people within earshot of one that played
 * it ({@code reached}, {@code coveragePercent}), against what the area's whole network could reach
 * ({@code networkReached}, {@code networkPercent}); and the warning's public reach over every channel
 * ({@code publicReached}, {@code publicReachPercent}: per area the largest reach of any channel, so a person reached
 * twice counts once).
 *
 * @param cause for an area below the reach target: DELIVERY when its network could reach the target and did not
 *              (terminals failed or silent), NETWORK when even every terminal playing would not; null otherwise
 */
public record CoverageLine(String areaCode, String name, String level, String parentCode, int terminals, int played,
                           int failed, int pending, long population, long reached, double coveragePercent,
                           long networkReached, double networkPercent, long publicReached, double publicReachPercent,
                           Cause cause) {

    public enum Cause { DELIVERY, NETWORK }
}
