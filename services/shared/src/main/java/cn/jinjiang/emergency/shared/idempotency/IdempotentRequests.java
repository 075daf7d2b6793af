package cn.jinjiang.emergency.shared.idempotency;

import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.outbox.OutboxCommits;
import cn.jinjiang.emergency.shared.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.hibernate.JDBCException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a POST safe to retry: with an {@code Idempotency-Key}, the change and its answer commit together, and the same
 * caller sending the same key and request again gets that answer back without a second change.
 * <p>
 * A key belongs to its caller, and is bound to the HTTP method and path it was first sent to as well as to the body:
 * the same key with another body, or on another path (another incident, cancel instead of return), is refused (422)
 * rather than answered with what another request got. Two retries racing each other queue on the key (a transaction
 * lock on caller and key) so the second waits for the first to commit and answers from its row; a unique-key violation
 * remains the last line should the lock ever be bypassed.
 * <p>
 * Resources call it in one line ({@link #respond}, {@link #created}); the caller, method and path come from the
 * request being served.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String UNIQUE_VIOLATION = "23505";

    private final ObjectMapper mapper;
    private final OutboxCommits commits;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public IdempotentRequests(ObjectMapper mapper, OutboxCommits commits, SecurityIdentity identity,
                              CurrentVertxRequest request) {
        this.mapper = mapper;
        this.commits = commits;
        this.identity = identity;
        this.request = request;
    }

    /** {@link #once} for a change answered with {@code status} and its result as the JSON body. */
    public Uni<Response> respond(String key, Object body, int status, Supplier<Uni<?>> change) {
        return once(key, body, () -> change.get().map(result -> new Replay(status, null, json(result))))
                .map(Replay::toResponse);
    }

    /** {@link #once} for a change that creates something: 201, its result as the body and Location from it. */
    public <T> Uni<Response> created(String key, Object body, Supplier<Uni<T>> change, Function<T, URI> location) {
        return once(key, body, () -> change.get()
                        .map(result -> new Replay(201, location.apply(result).toString(), json(result))))
                .map(Replay::toResponse);
    }

    /**
     * Runs {@code change} (which joins this transaction) once per caller and key.
     *
     * @param key  the request's Idempotency-Key header, or null to run the change as it is
     * @param body the request's body as read (or null), compared with the first one sent under the key
     */
    public Uni<Replay> once(String key, Object body, Supplier<Uni<Replay>> change) {
        Claim claim = claim(key, body);
        if (claim == null) {
            return change.get();
        }
        return commits.inTransaction(() -> answered(claim).flatMap(found -> found != null
                        ? Uni.createFrom().item(found)
                        : change.get().call(replay -> keep(claim, replay))))
                .onFailure(IdempotentRequests::isRace).recoverWithUni(race -> Panache.withSession(() ->
                        stored(claim).map(found -> {
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
     * The claim the request being served makes, for callers that run the change in a transaction of their own
     * (several requests in one): check it there with {@link #answered}, and {@link #keep} the answer in the same
     * transaction.
     */
    public Claim claim(String key, Object body) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidFieldException(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        HttpServerRequest served = request.getCurrent().request();
        return new Claim(Caller.of(identity).name(), key, hash(served.method().name(), served.path(), body));
    }

    /**
     * The answer already given under the claim's key, or null; fails if the key was used for another request. Holds
     * the key until the transaction ends, so a retry racing this one waits here and then finds its answer.
     */
    public Uni<Replay> answered(Claim claim) {
        return lock(claim).chain(() -> stored(claim));
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

    private record Stored(String hash, Replay replay) {
    }

    /** The answer stored under the claim's key, or null; fails if it was another request's. */
    private static Uni<Replay> stored(Claim claim) {
        return stored(claim.caller(), claim.key()).map(found -> {
            if (found != null && !found.hash().equals(claim.hash())) {
                throw new IdempotencyKeyReused();
            }
            return found == null ? null : found.replay();
        });
    }

    private static Uni<Void> lock(Claim claim) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:scope, 0))) AS locked",
                        Integer.class)
                .setParameter("scope", claim.caller() + "\n" + claim.key())
                .getSingleResult())
                .replaceWithVoid();
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

    private String hash(String method, String path, Object body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((method + " " + path + "\n"
                    + mapper.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8));
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
