package cn.jinjiang.emergency.shared.testing;

import cn.jinjiang.emergency.shared.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/** Signs tokens for tests with a key pair made for this JVM only; services verify them with its public half. */
public final class TestTokens {

    public static final String ISSUER = "https://emergency.jinjiang.local/issuer";
    /** The prefecture's jurisdiction, covering both counties: what a command-centre token carries unless told. */
    public static final String PREFECTURE = "350500";
    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    public static String publicKeyLocation() {
        return PUBLIC_KEY.toString();
    }

    public static String bearer(String role) {
        return "Bearer " + token(role, null);
    }

    public static String bearer(String role, String areaCode) {
        return "Bearer " + token(role, areaCode);
    }

    public static String token(String role, String areaCode) {
        return token(claims(role, areaCode));
    }

    /**
     * A valid token's claims (one hour, issued now), to adjust before {@link #bearer(JwtClaimsBuilder)}. A
     * command-centre role's names the prefecture's jurisdiction, which sees both counties ({@link #in} for one).
     */
    public static JwtClaimsBuilder claims(String role, String areaCode) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).upn("test-" + role).subject("test-" + role)
                .groups(role == null ? Set.of() : Set.of(role)).expiresIn(3600);
        if (areaCode != null) {
            claims.claim(Roles.AREA_CLAIM, areaCode);
        }
        if (role != null && Roles.COMMAND_CENTRE.contains(role)) {
            claims.claim(Roles.JURISDICTION_CLAIM, PREFECTURE);
        }
        return claims;
    }

    /** A command-centre token of {@code role} acting in {@code jurisdiction} (350582, 350502, 350500). */
    public static String in(String jurisdiction, String role) {
        return bearer(claims(role, null).claim(Roles.JURISDICTION_CLAIM, jurisdiction));
    }

    /**
     * A token of a named user: {@code sub} and {@code upn} are {@code user}, so two tokens of one role can be two
     * people (the services know a caller by that name, e.g. for four-eyes approval).
     */
    public static String bearerFor(String role, String user) {
        return bearer(claims(role, null).upn(user).subject(user));
    }

    /**
     * Writes this JVM's signing key pair as {@code private.pem} (PKCS#8) and {@code public.pem} into {@code dir}, so a
     * script that signs tokens itself (deploy/local/token.sh) makes tokens the services under test accept.
     */
    public static void writeKeyPair(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** A rescue unit's terminal, reporting for the unit with this call sign. */
    public static String rescueUnit(String callSign) {
        return bearer(claims(Roles.RESCUE_UNIT, null).claim(Roles.UNIT_CLAIM, callSign));
    }

    public static String bearer(JwtClaimsBuilder claims) {
        return "Bearer " + token(claims);
    }

    public static String token(JwtClaimsBuilder claims) {
        return claims.jws().keyId("test").sign(KEYS.getPrivate());
    }

    /** A token signed by somebody else's key: well-formed, never valid. */
    public static String forged(String role) {
        return "Bearer " + Jwt.issuer(ISSUER).upn("intruder").groups(Set.of(role)).expiresIn(3600)
                .jws().sign(generate().getPrivate());
    }

    /** A token naming {@code user} ({@code sub} and {@code upn}) but signed by somebody else's key: never valid. */
    public static String forgedFor(String role, String user) {
        return "Bearer " + claims(role, null).upn(user).subject(user).jws().sign(generate().getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("emergency-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
