package cn.jinjiang.emergency.reserves.domain;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** The shelter's state does not allow the request: full, already open, closed, people still inside. 409. */
public class ShelterConflictException extends ClientErrorException {

    public ShelterConflictException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
