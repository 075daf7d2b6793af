package cn.jinjiang.emergency.warning.domain.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA key material from PEM text, as operators keep it in files or secrets: an unencrypted PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}), an X.509 certificate ({@code BEGIN CERTIFICATE}) or a bare public key
 * ({@code BEGIN PUBLIC KEY}).
 */
public final class CapKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private CapKeys() {
    }

    public static PrivateKey privateKey(String pem) {
        Block block = block(pem);
        switch (block.label()) {
            case "PRIVATE KEY":
                break;
            case "RSA PRIVATE KEY":
                throw new IllegalArgumentException("PKCS#1 key; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
            case "ENCRYPTED PRIVATE KEY":
                throw new IllegalArgumentException("encrypted keys are not supported; provide it decrypted "
                        + "from a protected secret store");
            default:
                throw new IllegalArgumentException("not a private key: " + block.label());
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA PKCS#8 private key", e);
        }
    }

    public static X509Certificate certificate(String pem) {
        Block block = block(pem);
        if (!block.label().equals("CERTIFICATE")) {
            throw new IllegalArgumentException("not a certificate: " + block.label());
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** The public key of a certificate or of a {@code PUBLIC KEY} block: receivers may be given either. */
    public static PublicKey publicKey(String pem) {
        Block block = block(pem);
        if (block.label().equals("CERTIFICATE")) {
            return certificate(pem).getPublicKey();
        }
        if (!block.label().equals("PUBLIC KEY")) {
            throw new IllegalArgumentException("not a public key or certificate: " + block.label());
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file));
    }

    public static X509Certificate readCertificate(Path file) {
        return certificate(read(file));
    }

    public static PublicKey readPublicKey(Path file) {
        return publicKey(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Block block(String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no PEM block found");
        }
        try {
            return new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid Base64", e);
        }
    }

    private record Block(String label, byte[] der) {
    }
}
