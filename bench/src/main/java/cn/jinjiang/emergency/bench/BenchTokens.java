package cn.jinjiang.emergency.bench;

import cn.jinjiang.emergency.shared.security.Roles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Tokens the harness mints itself, with the local stack's private key (.local/jwt/private.pem, made by up.sh), like
 * deploy/local/token.sh does: the same issuer, claims and RS256 signature, but a subject of the harness's choosing.
 * The gateway bounds the screens one user (subject) may open, and every service the requests one user may have open at
 * once, so each screen, each sender and each concurrent client is a user of its own; a run id in the subject keeps
 * two harness processes apart.
 */
final class BenchTokens {

    private static final String ISSUER = "https://emergency.jinjiang.local/issuer";
    private static final long TTL_SECONDS = 8 * 60 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /** Callers an open-loop load is spread over ({@link #callers}). */
    static final int CALLERS = 16;
    private static PrivateKey key;

    private static final String PREFECTURE = "350500";

    private BenchTokens() {
    }

    /** A viewer's token for the screen or sender named {@code who}, a subject of its own. */
    static String viewer(String who) {
        return mint("viewer", null, "bench-" + RUN + "-" + who);
    }

    /** A token of {@code role} (one seeing every area) for the concurrent client named {@code who}. */
    static String of(String role, String who) {
        return mint(role, null, "bench-" + RUN + "-" + who);
    }

    /**
     * {@link #CALLERS} tokens of {@code role}, {@code who-0}, {@code who-1}, …: an open-loop load takes request i's
     * from {@code get(i % CALLERS)}, so its requests in flight are spread over several callers as a busy command centre
     * would send them, and a service's limit per caller (emergency.http.max-in-flight-per-principal) is not what
     * the run measures: {@code CALLERS} times that limit exceeds the service's own limit.
     */
    static List<String> callers(String role, String who) {
        return callers(role, null, who);
    }

    /** {@link #callers(String, String)} for a role bounded to {@code area} (a duty officer's). */
    static List<String> callers(String role, String area, String who) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            tokens.add(mint(role, area, "bench-" + RUN + "-" + who + "-" + i));
        }
        return List.copyOf(tokens);
    }

    static synchronized String mint(String role, String area, String subject) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", subject).put("upn", subject)
                .put("iat", now).put("exp", now + TTL_SECONDS).put("jti", UUID.randomUUID().toString());
        claims.putArray("groups").add(role);
        if (area != null) {
            claims.put(Roles.AREA_CLAIM, area);
        }
        if (Roles.COMMAND_CENTRE.contains(role)) {
            // The prefecture's, as token.sh gives by default: the harness's screens and readers see both counties.
            claims.put(Roles.JURISDICTION_CLAIM, PREFECTURE);
        }
        String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"local\"}") + "."
                + encode(claims.toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The PKCS#8 key up.sh made ({@code BENCH_JWT_PRIVATE_KEY}, else .local/jwt/private.pem from the repository). */
    private static PrivateKey key() throws GeneralSecurityException {
        if (key == null) {
            String file = System.getenv().getOrDefault("BENCH_JWT_PRIVATE_KEY", ".local/jwt/private.pem");
            try {
                String pem = Files.readString(Path.of(file)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(pem)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stack's JWT key " + file
                        + " (start the stack with deploy/local/up.sh)", e);
            }
        }
        return key;
    }
}
