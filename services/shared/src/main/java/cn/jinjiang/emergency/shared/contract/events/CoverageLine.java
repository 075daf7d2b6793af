package cn.jinjiang.emergency.shared.contract.events;

/**
 * A warning's reach in one area (or overall, without an area): terminals targeted, played, failed and not yet heard
 * of, the area's population and how many of them live within earshot of a terminal that played it.
 */
public record CoverageLine(String areaCode, String name, String level, String parentCode, int terminals, int played,
                           int failed, int pending, long population, long reached, double coveragePercent) {
}
