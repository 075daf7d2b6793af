package cn.jinjiang.emergency.warning.domain.cap;

/**
 * CAP {@code <msgType>}: a warning is issued (Alert), changed (Update) or lifted (Cancel). Update and Cancel name the
 * messages they supersede in {@code <references>}. Ack and Error are receiver replies, never sent by this service.
 */
public enum MsgType {
    ALERT("Alert"),
    UPDATE("Update"),
    CANCEL("Cancel");

    private final String capValue;

    MsgType(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }
}
