package cn.jinjiang.emergency.shared.domain;

/** A request field that is well-formed but wrong against the service's data, e.g. an unknown area code. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
