package cn.jinjiang.emergency.warning.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Who the CAP messages come from and the key they are signed with. */
@ConfigMapping(prefix = "emergency.warning.cap")
public interface CapSigning {

    /** PKCS#8 PEM private key (RSA); deploy/local/up.sh generates a local one. */
    @WithDefault(".local/cap/private.pem")
    Path privateKey();

    /** The signer's X.509 certificate (PEM), published in each signature's KeyInfo; without it, the public key. */
    Optional<Path> certificate();

    /**
     * Make a key at {@link #privateKey()} when there is none: for tests and local runs only. A production service must
     * not invent its own signing key, which no broadcast platform would trust.
     */
    @WithDefault("false")
    boolean generateIfMissing();

    /**
     * Each bureau's name on what it publishes, by jurisdiction (the county's six digits, {@code AreaCodes.jurisdiction}):
     * a warning goes out in the name of the bureau whose areas it targets.
     */
    Map<String, Sender> senders();

    interface Sender {

        /** CAP {@code <sender>}: unique across everyone the platform receives from. */
        String sender();

        /** CAP {@code <senderName>}. */
        String name();
    }
}
