package cn.jinjiang.emergency.warning.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Quarkus test resource: a signing key with a self-signed X.509 certificate, as an operator would deploy them (PEM
 * files), made with the JDK's keytool so the tests need nothing else; the service is configured with both.
 */
public class SigningCertificate implements QuarkusTestResourceLifecycleManager {

    public static final Path DIRECTORY = Path.of("target", "cap-certificate");
    public static final Path PRIVATE_KEY = DIRECTORY.resolve("private.pem");
    public static final Path CERTIFICATE = DIRECTORY.resolve("certificate.pem");
    private static final String PASSWORD = "test-only";

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIRECTORY);
            Path store = DIRECTORY.resolve("signer.p12");
            Files.deleteIfExists(store);
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "cap", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=warning-broadcast test signer, O=Jinjiang Emergency Management Bureau, C=CN",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) keys.getKey("cap", PASSWORD.toCharArray());
            Certificate certificate = keys.getCertificate("cap");
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(CERTIFICATE, pem("CERTIFICATE", certificate.getEncoded()));
            return Map.of("emergency.warning.cap.private-key", PRIVATE_KEY.toString(),
                    "emergency.warning.cap.certificate", CERTIFICATE.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
