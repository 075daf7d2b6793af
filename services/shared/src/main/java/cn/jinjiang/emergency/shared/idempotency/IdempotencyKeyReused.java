package cn.jinjiang.emergency.shared.idempotency;

/** The same Idempotency-Key was sent again with a different request: answered 422, nothing changed. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("was already used for a different request; send a new key for a new request");
    }
}
