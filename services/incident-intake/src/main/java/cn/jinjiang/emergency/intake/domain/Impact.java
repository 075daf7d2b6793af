package cn.jinjiang.emergency.intake.domain;

import java.math.BigDecimal;

/** An incident's toll as its latest report states it: what grading reads and every report restates in full. */
public record Impact(int deaths, int seriousInjuries, int minorInjuries, int missing, BigDecimal directLossCny,
                     int peopleEvacuated, int housesCollapsed) {

    /** Upper bounds of the counts (also in the event schemas): far above any real toll, they catch typing slips. */
    public static final long MAX_CASUALTIES = 100_000;
    public static final long MAX_PEOPLE = 10_000_000;
    public static final long MAX_HOUSES = 10_000_000;

    /** From a report's fields, where a count left out is zero. */
    static Impact of(FirstReport.Casualties casualties, BigDecimal directLossCny, Integer peopleEvacuated,
            Integer housesCollapsed) {
        FirstReport.Casualties counted = casualties == null ? FirstReport.Casualties.NONE : casualties;
        return new Impact(counted.deaths(), counted.seriousInjuries(), counted.minorInjuries(), counted.missing(),
                directLossCny, peopleEvacuated == null ? 0 : peopleEvacuated,
                housesCollapsed == null ? 0 : housesCollapsed);
    }
}
