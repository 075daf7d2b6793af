package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported.Casualties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IncidentGradingTest {

    @ParameterizedTest(name = "deaths={0} serious={1} loss={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "0, 0, -, IV",
            "2, 9, 9999999, IV",
            "3, 0, -, III",
            "0, 10, -, III",
            "0, 0, 10000000, III",
            "10, 0, -, II",
            "0, 50, -, II",
            "0, 0, 50000000, II",
            "29, 99, 99999999, II",
            "30, 0, -, I",
            "0, 100, -, I",
            "0, 0, 100000000, I",
            // the worst criterion decides
            "1, 60, 1000, II",
            "12, 0, 150000000, I"})
    void gradesByTheWorstOfDeathsSeriousInjuriesAndLoss(int deaths, int serious, BigDecimal loss, Grade expected) {
        assertEquals(expected, IncidentGrading.grade(new Casualties(deaths, serious, 0, 0), loss));
    }
}
