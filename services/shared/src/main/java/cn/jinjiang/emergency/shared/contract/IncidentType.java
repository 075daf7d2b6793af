package cn.jinjiang.emergency.shared.contract;

/** Incident categories (突发事件类别) the bureau handles. */
public enum IncidentType {
    // natural disasters
    TYPHOON,
    RAINSTORM_FLOOD,
    WATERLOGGING,
    DROUGHT,
    EARTHQUAKE,
    GEOLOGICAL_HAZARD,
    FOREST_FIRE,
    MARINE,
    // accidents
    FIRE,
    BUILDING_COLLAPSE,
    CONSTRUCTION,
    ROAD_TRAFFIC,
    HAZARDOUS_CHEMICALS,
    GAS_LEAK,
    FISHING_VESSEL,
    SPECIAL_EQUIPMENT,
    CONFINED_SPACE,
    // handled with other departments
    PUBLIC_HEALTH,
    SOCIAL_SECURITY
}
