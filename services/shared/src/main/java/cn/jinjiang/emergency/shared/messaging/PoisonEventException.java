package cn.jinjiang.emergency.shared.messaging;

/**
 * A record that can never be processed, however often it is redelivered: unparsable or against its schema.
 * Consumers let it fail so the channel's dead-letter strategy moves it aside with this message as the reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
