package cn.jinjiang.emergency.shared.domain;

/**
 * What a request names does not exist, or the caller may not know that it does (a duty officer asking outside their
 * area is told the same). The problem mappers answer it 404 with this message.
 */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
