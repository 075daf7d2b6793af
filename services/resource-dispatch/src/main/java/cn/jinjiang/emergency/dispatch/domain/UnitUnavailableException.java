package cn.jinjiang.emergency.dispatch.domain;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** The unit is not in a status that allows the request: someone else got it first, or it has moved on. 409. */
public class UnitUnavailableException extends ClientErrorException {

    public UnitUnavailableException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
