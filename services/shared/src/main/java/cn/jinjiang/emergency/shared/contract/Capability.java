package cn.jinjiang.emergency.shared.contract;

/** What a rescue unit can do; response plans ask for units by capability. */
public enum Capability {
    FIRE,
    WATER_RESCUE,
    HAZMAT,
    MEDICAL,
    AIR,
    SEARCH_RESCUE,
    HEAVY_EQUIPMENT
}
