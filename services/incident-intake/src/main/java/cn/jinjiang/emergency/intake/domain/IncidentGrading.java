package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported.Casualties;

import java.math.BigDecimal;

/**
 * The national production-safety grading: the worst of deaths (≥30 / 10–29 / 3–9), serious injuries
 * (≥100 / 50–99 / 10–49) and direct economic loss (≥100 M / 50–100 M / 10–50 M CNY) gives grade I / II / III; IV below.
 * A first report's grade is provisional: follow-up reports re-grade as facts arrive.
 */
public final class IncidentGrading {

    private static final BigDecimal MILLION = new BigDecimal("1000000");

    private IncidentGrading() {
    }

    public static Grade grade(Casualties casualties, BigDecimal directLossCny) {
        Grade byDeaths = byThresholds(casualties.deaths(), 30, 10, 3);
        Grade byInjuries = byThresholds(casualties.seriousInjuries(), 100, 50, 10);
        Grade byLoss = directLossCny == null ? Grade.IV
                : byThresholds(directLossCny.divide(MILLION).doubleValue(), 100, 50, 10);
        return worst(worst(byDeaths, byInjuries), byLoss);
    }

    private static Grade byThresholds(double value, double gradeI, double gradeII, double gradeIII) {
        if (value >= gradeI) {
            return Grade.I;
        }
        if (value >= gradeII) {
            return Grade.II;
        }
        return value >= gradeIII ? Grade.III : Grade.IV;
    }

    private static Grade worst(Grade a, Grade b) {
        return a.isMoreSeriousThan(b) ? a : b;
    }
}
