package cn.jinjiang.emergency.shared.contract.events;

import cn.jinjiang.emergency.shared.contract.Grade;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A report due for an incident did not arrive in time. Schema: /schemas/events/incident.report-overdue.schema.json */
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
}
