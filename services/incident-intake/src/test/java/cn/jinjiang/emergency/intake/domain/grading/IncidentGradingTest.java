package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.intake.domain.Impact;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The grading rules of the shipped reference files, criterion by criterion, at every boundary. */
class IncidentGradingTest {

    private static final IncidentGrading GRADING = new IncidentGrading(categories(), rules());

    @ParameterizedTest(name = "accident: deaths={0} serious={1} loss={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "0, 0, -, IV",
            "2, 9, 9999999.99, IV",
            "3, 0, -, III",
            "0, 10, -, III",
            "0, 0, 10000000, III",
            "9, 49, 49999999, III",
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
    void accidentsGoByDeathsSeriousInjuriesAndLoss(int deaths, int serious, BigDecimal loss, Grade expected) {
        Impact impact = new Impact(deaths, serious, 0, 0, loss, 0, 0);
        assertEquals(expected, GRADING.grade(IncidentType.HAZARDOUS_CHEMICALS, impact));
        assertEquals(expected, GRADING.grade(IncidentType.ROAD_TRAFFIC, impact));
    }

    @ParameterizedTest(name = "natural disaster: deaths={0} missing={1} evacuated={2} houses={3} -> {4}")
    @CsvSource({
            "0, 0, 0, 0, IV",
            "30, 19, 499999, 99999, IV",
            "30, 20, 0, 0, III",
            "0, 50, 0, 0, III",
            "0, 0, 500000, 0, III",
            "0, 0, 0, 100000, III",
            "60, 39, 999999, 149999, III",
            "60, 40, 0, 0, II",
            "0, 0, 1000000, 0, II",
            "0, 0, 0, 150000, II",
            "150, 49, 1999999, 199999, II",
            "150, 50, 0, 0, I",
            "0, 0, 2000000, 0, I",
            "0, 0, 0, 200000, I"})
    void naturalDisastersCountTheMissingWithTheDead(int deaths, int missing, int evacuated, int houses,
            Grade expected) {
        Impact impact = new Impact(deaths, 0, 0, missing, null, evacuated, houses);
        assertEquals(expected, GRADING.grade(IncidentType.TYPHOON, impact));
        assertEquals(expected, GRADING.grade(IncidentType.GEOLOGICAL_HAZARD, impact));
    }

    @Test
    void injuriesAndLossDoNotGradeANaturalDisasterNorMissingPersonsAnAccident() {
        Impact injuries = new Impact(0, 500, 0, 0, new BigDecimal("900000000"), 0, 0);
        assertEquals(Grade.IV, GRADING.grade(IncidentType.RAINSTORM_FLOOD, injuries));
        Impact missing = new Impact(0, 0, 0, 40, null, 0, 0);
        assertEquals(Grade.IV, GRADING.grade(IncidentType.FIRE, missing));
    }

    @ParameterizedTest(name = "{0}: deaths={1} -> {2}")
    @CsvSource({"PUBLIC_HEALTH, 2, IV", "PUBLIC_HEALTH, 3, III", "SOCIAL_SECURITY, 10, II",
            "SOCIAL_SECURITY, 30, I"})
    void publicHealthAndSocialSecurityGoByDeaths(IncidentType type, int deaths, Grade expected) {
        assertEquals(expected, GRADING.grade(type, new Impact(deaths, 0, 0, 0, null, 0, 0)));
    }

    @Test
    void everyTypeNeedsACategory() {
        Map<IncidentType, IncidentCategory> incomplete = new EnumMap<>(categories());
        incomplete.remove(IncidentType.MARINE);
        assertThrows(IllegalStateException.class, () -> new IncidentGrading(incomplete, rules()));
    }

    private static Map<IncidentType, IncidentCategory> categories() {
        Map<IncidentType, IncidentCategory> categories = new EnumMap<>(IncidentType.class);
        for (String[] row : csv("db/reference/incident-types.csv")) {
            categories.put(IncidentType.valueOf(row[0]), IncidentCategory.valueOf(row[1]));
        }
        return categories;
    }

    private static List<GradingRule> rules() {
        List<GradingRule> rules = new ArrayList<>();
        for (String[] row : csv("db/reference/grading-rules.csv")) {
            GradingRule rule = new GradingRule();
            rule.category = IncidentCategory.valueOf(row[0]);
            rule.criterion = GradingCriterion.valueOf(row[1]);
            rule.gradeIFrom = new BigDecimal(row[2]);
            rule.gradeIIFrom = new BigDecimal(row[3]);
            rule.gradeIIIFrom = new BigDecimal(row[4]);
            rules.add(rule);
        }
        return rules;
    }

    private static List<String[]> csv(String resource) {
        try (InputStream in = IncidentGradingTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(line -> !line.isBlank()).map(line -> line.split(",", -1)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
