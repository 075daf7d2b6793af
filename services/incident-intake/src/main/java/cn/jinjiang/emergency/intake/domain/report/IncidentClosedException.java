package cn.jinjiang.emergency.intake.domain;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** A follow-up or final report to an incident a final report has closed: a commander must re-open it first. */
public class IncidentClosedException extends ClientErrorException {

    public IncidentClosedException(UUID id) {
        super("Incident " + id + " is closed by its final report; a commander re-opens it (POST /api/incidents/" + id
                + "/reopen) before further reports", Response.Status.CONFLICT);
    }
}
