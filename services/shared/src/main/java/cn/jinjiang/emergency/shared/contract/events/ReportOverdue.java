package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A report due for an incident did not arrive in time. Schema: /schemas/events/incident.report-overdue.schema.json */
@JsonIgnoreProperties(value = "jurisdiction", allowGetters = true)
public record ReportOverdue(
        UUID incidentId,
        UUID deadlineId,
        Kind kind,
        OffsetDateTime dueAt,
        OffsetDateTime lastReportAt,
        Grade grade,
        String areaCode,
        OffsetDateTime detectedAt) {

    public enum Kind { NEXT_REPORT, FINAL_REPORT }

    /** The county bureau whose event this is (the first six digits of its area code: Jinjiang 350582, Licheng 350502). */
    @JsonProperty
    public String jurisdiction() {
        return AreaCodes.jurisdictionOf(areaCode);
    }
}
