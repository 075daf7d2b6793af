package cn.jinjiang.emergency.shared.contract;

/** The two kinds of place the plans register for people to shelter in. */
public enum ShelterKind {
    /** 避灾点: a school, hall or community centre taking people in from a typhoon, flood or landslide. */
    DISASTER_AVOIDANCE_POINT,
    /** 地震应急避难场所: open ground (a park, a square, a sports ground) kept clear for after an earthquake. */
    EARTHQUAKE_SHELTER
}
