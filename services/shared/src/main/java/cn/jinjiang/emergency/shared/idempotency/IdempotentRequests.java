package cn.jinjiang.emergency.shared.idempotency;

import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.problem.InvalidFieldException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.hibernate.JDBCException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a POST safe to retry: with an {@code Idempotency-Key}, the change and its answer commit together, and the same
 * caller sending the same key and request again gets that answer back without a second change. The same key with a
 * different request is refused (422). Two retries racing each other meet at the key's primary key: the loser's
 * transaction rolls back and it answers from the winner's row.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String UNIQUE_VIOLATION = "23505";

    private final ObjectMapper mapper;
    private final OutboxCommits commits;

    public IdempotentRequests(ObjectMapper mapper, OutboxCommits commits) {
        this.mapper = mapper;
        this.commits = commits;
    }

    /**
     * Runs {@code change} (which joins this transaction) once per caller and key.
     *
     * @param key     the request's Idempotency-Key header, or null to run the change as it is
     * @param request the request as read, compared with the first one sent under the key
     */
    public Uni<Replay> once(String caller, String key, Object request, Supplier<Uni<Replay>> change) {
        Claim claim = claim(caller, key, request);
        if (claim == null) {
            return change.get();
        }
        Context context = OutboxCommits.current();
        return Panache.withTransaction(() -> answered(claim).flatMap(found -> found != null
                        ? Uni.createFrom().item(found)
                        : change.get().call(replay -> keep(claim, replay))))
                .invoke(replay -> commits.committed(context))
                .onFailure(IdempotentRequests::isRace).recoverWithUni(race -> Panache.withSession(() ->
                        answered(claim).map(found -> {
                            if (found == null) {
                                throw new IdempotencyKeyReused();
                            }
                            return found;
                        })));
    }

    /** A caller's key with the request sent under it; null when no key was sent. */
    public record Claim(String caller, String key, String hash) {
    }

    /**
     * The claim a request makes, for callers that run the change in a transaction of their own (several requests in
     * one): check it there with {@link #answered}, and {@link #keep} the answer in the same transaction.
     */
    public Claim claim(String caller, String key, Object request) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidFieldException(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return new Claim(caller, key, hash(request));
    }

    /** The answer already given under the claim's key, or null; fails if the key was used for another request. */
    public Uni<Replay> answered(Claim claim) {
        return stored(claim.caller(), claim.key()).map(found -> {
            if (found == null) {
                return null;
            }
            if (!found.hash().equals(claim.hash())) {
                throw new IdempotencyKeyReused();
            }
            return found.replay();
        });
    }

    /** Keeps the answer under the claim's key, in the current transaction: it commits with the change or not at all. */
    public Uni<Void> keep(Claim claim, Replay replay) {
        return store(claim.caller(), claim.key(), claim.hash(), replay);
    }

    /** Two requests under one key committed at once: the loser rolls back and finds the winner's answer. */
    public static boolean isRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || cause instanceof JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #once} for a change answered with a JSON body and no Location: the body serialised, under {@code status}.
     */
    public Uni<Response> respond(String caller, String key, Object request, int status, Supplier<Uni<?>> change) {
        return once(caller, key, request, () -> change.get().map(body -> new Replay(status, null, json(body))))
                .map(Replay::toResponse);
    }

    private record Stored(String hash, Replay replay) {
    }

    private static Uni<Stored> stored(String caller, String key) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT request_hash, status, location, body FROM idempotency_key "
                                + "WHERE caller = :caller AND idempotency_key = :key", Object[].class)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : stored(rows.get(0)));
    }

    private static Stored stored(Object[] row) {
        return new Stored((String) row[0], new Replay(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    private static Uni<Void> store(String caller, String key, String hash, Replay replay) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO idempotency_key (caller, idempotency_key, request_hash, status, location, body, "
                                + "created_at) VALUES (:caller, :key, :hash, :status, :location, :body, :at)")
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("hash", hash)
                .setParameter("status", replay.status())
                .setParameter("location", replay.location())
                .setParameter("body", replay.body())
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWithVoid();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of an answer to store, serialised as the REST layer would. */
    public String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
