package cn.jinjiang.emergency.shared.contract;

/** Hazards the bureau issues warnings (预警) for. */
public enum Hazard {
    TYPHOON("台风"),
    RAINSTORM("暴雨"),
    FLOOD("洪水"),
    GEOLOGICAL_HAZARD("地质灾害"),
    /** Earthquake early warning: seconds of notice before the shaking arrives. */
    EARTHQUAKE("地震"),
    DROUGHT("干旱"),
    FOREST_FIRE("森林火灾"),
    /** Large-area power outage in the city (大面积停电). */
    CITY_POWER("城市大面积停电"),
    /** Gas supply failure, leak or explosion risk in the city network. */
    CITY_GAS("城市燃气事故"),
    CITY_FIRE("城市火灾");

    private final String chineseName;

    Hazard(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name the public knows the hazard by; warnings are published in Chinese. */
    public String chineseName() {
        return chineseName;
    }
}
