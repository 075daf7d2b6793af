package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.intake.domain.Impact;

import java.math.BigDecimal;

/** What a grading rule measures, read off an incident's current impact. */
public enum GradingCriterion {
    DEATHS,
    SERIOUS_INJURIES,
    DIRECT_LOSS_CNY,
    /** Natural disasters count the missing with the dead (死亡和失踪). */
    DEATHS_AND_MISSING,
    PEOPLE_EVACUATED,
    HOUSES_COLLAPSED;

    BigDecimal valueOf(Impact impact) {
        return switch (this) {
            case DEATHS -> BigDecimal.valueOf(impact.deaths());
            case SERIOUS_INJURIES -> BigDecimal.valueOf(impact.seriousInjuries());
            case DIRECT_LOSS_CNY -> impact.directLossCny() == null ? BigDecimal.ZERO : impact.directLossCny();
            case DEATHS_AND_MISSING -> BigDecimal.valueOf((long) impact.deaths() + impact.missing());
            case PEOPLE_EVACUATED -> BigDecimal.valueOf(impact.peopleEvacuated());
            case HOUSES_COLLAPSED -> BigDecimal.valueOf(impact.housesCollapsed());
        };
    }
}
