package cn.jinjiang.emergency.warning.domain;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** The warning is not in a status that allows the request (approving an issued one, updating a cancelled one). */
public class WarningClosedException extends ClientErrorException {

    public WarningClosedException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
