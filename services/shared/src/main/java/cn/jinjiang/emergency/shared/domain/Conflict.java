package cn.jinjiang.emergency.shared.domain;

/**
 * The request is well-formed but the state of what it names does not allow it now: an incident closed, a unit taken,
 * a shelter full. Retrying the same request will not help until that state changes. Answered 409 with this message.
 */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
