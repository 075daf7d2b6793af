package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.Hazard;

/**
 * The CAP {@code <category>} values this service uses (a subset of the schema's list).
 *
 * <table>
 *   <caption>Hazard → category</caption>
 *   <tr><th>hazard</th><th>category</th><th>why</th></tr>
 *   <tr><td>TYPHOON, RAINSTORM, FLOOD, DROUGHT</td><td>Met</td><td>weather and hydrology; CAP has no separate
 *       hydrological category and drought is a rainfall deficit, not pollution (Env)</td></tr>
 *   <tr><td>EARTHQUAKE, GEOLOGICAL_HAZARD</td><td>Geo</td><td>geophysical, including landslides and debris flow</td></tr>
 *   <tr><td>FOREST_FIRE, CITY_FIRE</td><td>Fire</td><td>fire suppression and rescue</td></tr>
 *   <tr><td>CITY_POWER, CITY_GAS</td><td>Infra</td><td>utility and infrastructure failures</td></tr>
 * </table>
 */
public enum Category {
    GEO("Geo"),
    MET("Met"),
    FIRE("Fire"),
    INFRA("Infra");

    private final String capValue;

    Category(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }

    public static Category of(Hazard hazard) {
        return switch (hazard) {
            case TYPHOON, RAINSTORM, FLOOD, DROUGHT -> MET;
            case EARTHQUAKE, GEOLOGICAL_HAZARD -> GEO;
            case FOREST_FIRE, CITY_FIRE -> FIRE;
            case CITY_POWER, CITY_GAS -> INFRA;
        };
    }
}
