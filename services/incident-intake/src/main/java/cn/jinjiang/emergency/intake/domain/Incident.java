package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.IncidentType;
import cn.jinjiang.emergency.shared.contract.events.DuplicateLink;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An incident (突发事件) as its reports describe it: the latest report's figures, the grade that stands, and whether it
 * is still open. The reports themselves are kept in order ({@link Report}).
 */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    /** OPEN until a final report (终报) closes it (a commander may re-open it), or MERGED into another incident. */
    public enum Status { OPEN, CLOSED, MERGED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public IncidentType type;

    public String title;

    public double latitude;

    public double longitude;

    @Column(name = "area_code")
    public String areaCode;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    @Column(name = "reported_by")
    public String reportedBy;

    /** The figures of the latest report, restated in full by each. */
    @Embedded
    public Impact impact;

    public String situation;

    @Column(name = "actions_taken")
    public String actionsTaken;

    /** What the category's grading rules give for the current figures. */
    @Enumerated(EnumType.STRING)
    @Column(name = "assessed_grade")
    public Grade assessedGrade;

    /** A commander's decision, standing until changed; null while the assessment decides. */
    @Enumerated(EnumType.STRING)
    @Column(name = "response_level")
    public Grade responseLevel;

    /** The grade that stands: the response level if a commander set one, else the assessed grade. */
    @Enumerated(EnumType.STRING)
    public Grade grade;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "report_count")
    public int reportCount;

    @Column(name = "last_report_at")
    public OffsetDateTime lastReportAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /**
     * The first report's position lies far outside its area's circle. The report is taken all the same (a report is
     * about where it happened, and a duty officer may well report just across a boundary); the command centre checks.
     */
    @Column(name = "location_outside_area")
    public boolean locationOutsideArea;

    /** The incident this one was merged into, as a duplicate; null otherwise. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    public IncidentReported.Casualties casualties() {
        return impact.casualties();
    }

    /** A report states the whole toll anew: its figures replace the incident's, none is added to the last. */
    public void restate(Impact reported) {
        impact = reported;
    }

    /** Sets the grade that stands from the assessment and any response level; true if it changed. */
    public boolean settleGrade() {
        Grade before = grade;
        grade = responseLevel != null ? responseLevel : assessedGrade;
        return before != grade;
    }

    /** @param contactPhone the first report's number to call back on, or null */
    public IncidentReported toReported(List<DuplicateLink> possibleDuplicates, String contactPhone) {
        return new IncidentReported(id, type, title, new IncidentReported.GeoPoint(latitude, longitude), areaCode,
                occurredAt, reportedAt, reportedBy, casualties(), impact.directLossCny(), grade,
                impact.peopleEvacuated(), impact.housesCollapsed(), possibleDuplicates, locationOutsideArea,
                situation, actionsTaken, contactPhone);
    }
}
