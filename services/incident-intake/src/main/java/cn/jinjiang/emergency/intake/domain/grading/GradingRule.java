package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.intake.domain.Impact;
import cn.jinjiang.emergency.shared.contract.Grade;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One criterion of a category's grading: the value from which an incident is grade I, II or III. Reference data from
 * db/reference/grading-rules.csv, with the regulation it comes from.
 */
@Entity
@Table(name = "grading_rule")
@IdClass(GradingRule.Key.class)
public class GradingRule extends PanacheEntityBase {

    public record Key(IncidentCategory category, GradingCriterion criterion) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    public IncidentCategory category;

    @Id
    @Enumerated(EnumType.STRING)
    public GradingCriterion criterion;

    @Column(name = "grade_i_from")
    public BigDecimal gradeIFrom;

    @Column(name = "grade_ii_from")
    public BigDecimal gradeIIFrom;

    @Column(name = "grade_iii_from")
    public BigDecimal gradeIIIFrom;

    public String source;

    Grade grade(Impact impact) {
        BigDecimal value = criterion.valueOf(impact);
        if (value.compareTo(gradeIFrom) >= 0) {
            return Grade.I;
        }
        if (value.compareTo(gradeIIFrom) >= 0) {
            return Grade.II;
        }
        return value.compareTo(gradeIIIFrom) >= 0 ? Grade.III : Grade.IV;
    }
}
