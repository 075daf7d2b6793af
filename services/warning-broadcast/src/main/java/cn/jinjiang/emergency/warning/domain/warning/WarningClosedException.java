package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.domain.Conflict;

/** The warning is not in a status that allows the request (approving an issued one, updating a cancelled one). */
public class WarningClosedException extends Conflict {

    public WarningClosedException(String message) {
        super(message);
    }
}
