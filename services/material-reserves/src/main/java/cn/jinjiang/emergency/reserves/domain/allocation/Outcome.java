package cn.jinjiang.emergency.reserves.domain.allocation;

import cn.jinjiang.emergency.shared.idempotency.Replay;

/** What one asked allocation got in its round: an answer, or a failure of its own. */
public record Outcome(Replay answer, RuntimeException failure) {

    static Outcome failed(RuntimeException failure) {
        return new Outcome(null, failure);
    }
}
