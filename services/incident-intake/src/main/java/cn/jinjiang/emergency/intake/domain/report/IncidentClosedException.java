package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.shared.domain.Conflict;

import java.util.UUID;

/** A follow-up or final report to an incident a final report has closed: a commander must re-open it first. */
public class IncidentClosedException extends Conflict {

    public IncidentClosedException(UUID id) {
        super("Incident " + id + " is closed by its final report; a commander re-opens it (POST /api/incidents/" + id
                + "/reopen) before further reports");
    }
}
