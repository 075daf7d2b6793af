package cn.jinjiang.emergency.intake.config;

import cn.jinjiang.emergency.shared.contract.Grade;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * When reports are due (docs/deadlines.md). The defaults follow the reporting rules the bureau works to: the first
 * report reaches the county level within an hour of the occurrence; while an incident is open, follow-ups come at an
 * interval that shortens as the grade rises; the final report comes within a set time of the last report.
 */
@ConfigMapping(prefix = "emergency.intake.deadlines")
public interface DeadlinePolicy {

    /** From the occurrence to the first report. */
    @WithDefault("PT1H")
    Duration firstReportWithin();

    /** From one report to the next, while the incident is open, by the grade that stands. */
    FollowUpEvery followUpEvery();

    /** From the latest report to the final report. */
    @WithDefault("P30D")
    Duration finalReportWithin();

    /** How often overdue reports are looked for; an overdue report is announced within about this long. */
    @WithDefault("30s")
    Duration checkEvery();

    interface FollowUpEvery {
        @WithName("grade-i")
        @WithDefault("PT1H")
        Duration gradeI();

        @WithName("grade-ii")
        @WithDefault("PT2H")
        Duration gradeII();

        @WithName("grade-iii")
        @WithDefault("PT6H")
        Duration gradeIII();

        @WithName("grade-iv")
        @WithDefault("P1D")
        Duration gradeIV();
    }

    default Duration followUpEvery(Grade grade) {
        return switch (grade) {
            case I -> followUpEvery().gradeI();
            case II -> followUpEvery().gradeII();
            case III -> followUpEvery().gradeIII();
            case IV -> followUpEvery().gradeIV();
        };
    }
}
