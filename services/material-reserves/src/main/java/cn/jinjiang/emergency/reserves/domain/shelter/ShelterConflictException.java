package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.shared.domain.Conflict;

/** The shelter's state does not allow the request: full, already open, closed, people still inside. 409. */
public class ShelterConflictException extends Conflict {

    public ShelterConflictException(String message) {
        super(message);
    }
}
