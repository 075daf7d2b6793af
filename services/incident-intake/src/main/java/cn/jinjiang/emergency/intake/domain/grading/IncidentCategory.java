package cn.jinjiang.emergency.intake.domain.grading;

/** The four categories of 突发事件; each type belongs to one, and each category has its own grading rules. */
public enum IncidentCategory {
    NATURAL_DISASTER,
    ACCIDENT,
    PUBLIC_HEALTH,
    SOCIAL_SECURITY
}
