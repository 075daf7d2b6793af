package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/**
 * An incident's toll as its latest report states it: what grading reads and every report restates in full. Embedded
 * in both the incident and each report of its chain, with the same columns in both tables, so that a report keeps the
 * figures as they were when it was filed.
 */
@Embeddable
public record Impact(@Column(name = "deaths") int deaths,
                     @Column(name = "serious_injuries") int seriousInjuries,
                     @Column(name = "minor_injuries") int minorInjuries,
                     @Column(name = "missing") int missing,
                     @Column(name = "direct_loss_cny") BigDecimal directLossCny,
                     @Column(name = "people_evacuated") int peopleEvacuated,
                     @Column(name = "houses_collapsed") int housesCollapsed) {

    /** Upper bounds of the counts (also in the event schemas): far above any real toll, they catch typing slips. */
    public static final long MAX_CASUALTIES = 100_000;
    public static final long MAX_PEOPLE = 10_000_000;
    public static final long MAX_HOUSES = 10_000_000;

    public IncidentReported.Casualties casualties() {
        return new IncidentReported.Casualties(deaths, seriousInjuries, minorInjuries, missing);
    }
}
