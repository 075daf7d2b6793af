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
import java.util.Base64;
import java.util.UUID;

/**
 * Tokens the harness mints itself, with the local stack's private key (.local/jwt/private.pem, made by up.sh), like
 * deploy/local/token.sh does: the same issuer, claims and RS256 signature, but a subject of the harness's choosing.
 * The gateway bounds the screens one user (subject) may open, so each screen, and each sender, is a user of its own;
 * a run id in the subject keeps two harness processes apart.
 */
final class BenchTokens {

    private static final String ISSUER = "https://emergency.jinjiang.local/issuer";
    private static final long TTL_SECONDS = 8 * 60 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static PrivateKey key;

    private BenchTokens() {
    }

    /** A viewer's token for the screen or sender named {@code who}, a subject of its own. */
    static String viewer(String who) {
        return mint("viewer", null, "bench-" + RUN + "-" + who);
    }

    /** A duty officer's token for {@code area}, for the sender named {@code who}. */
    static String officer(String area, String who) {
        return mint("duty-officer", area, "bench-" + RUN + "-" + who);
    }

    static synchronized String mint(String role, String area, String subject) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", subject).put("upn", subject)
                .put("iat", now).put("exp", now + TTL_SECONDS).put("jti", UUID.randomUUID().toString());
        claims.putArray("groups").add(role);
        if (area != null) {
            claims.put(Roles.AREA_CLAIM, area);
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
