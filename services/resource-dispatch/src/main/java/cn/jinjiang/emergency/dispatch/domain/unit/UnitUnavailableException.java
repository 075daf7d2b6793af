package cn.jinjiang.emergency.dispatch.domain.unit;

import cn.jinjiang.emergency.shared.domain.Conflict;

/** The unit is not in a status that allows the request: someone else got it first, or it has moved on. 409. */
public class UnitUnavailableException extends Conflict {

    public UnitUnavailableException(String message) {
        super(message);
    }
}
