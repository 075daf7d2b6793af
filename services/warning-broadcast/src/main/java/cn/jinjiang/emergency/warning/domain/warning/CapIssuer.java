package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import cn.jinjiang.emergency.warning.config.CapSigning;
import cn.jinjiang.emergency.warning.domain.cap.CapAlert;
import cn.jinjiang.emergency.warning.domain.cap.CapArea;
import cn.jinjiang.emergency.warning.domain.cap.CapInfo;
import cn.jinjiang.emergency.warning.domain.cap.CapKeys;
import cn.jinjiang.emergency.warning.domain.cap.CapReference;
import cn.jinjiang.emergency.warning.domain.cap.CapSigner;
import cn.jinjiang.emergency.warning.domain.cap.Classification;
import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Issues a warning's next CAP message: built from the warning as it now stands, referencing every earlier message,
 * signed, stored under its identifier ({@code <warning id>.<n>}) and put in the outbox for topic broadcast-cap, all in
 * the transaction of the change. A retried request finds the change already made and issues nothing. Made at start, so
 * a missing or unreadable key stops the service there rather than at the first warning.
 */
@Startup
@ApplicationScoped
public class CapIssuer {

    private final CapSigning config;
    private final Outbox outbox;
    private final CapSigner signer;

    public CapIssuer(CapSigning config, Outbox outbox) {
        this.config = config;
        this.outbox = outbox;
        // With a certificate, receivers see who signed (KeyInfo X509Data); one for another key stops the start here.
        this.signer = new CapSigner(CapKeys.readPrivateKey(keyFile(config)),
                config.certificate().map(CapKeys::readCertificate).orElse(null));
    }

    public Uni<CapMessage> issue(Warning warning, MsgType type) {
        return CapMessage.of(warning.id).flatMap(earlier -> Area.<Area>list("code in ?1", warning.areaCodes())
                .flatMap(areas -> {
                    warning.capCount++;
                    OffsetDateTime sent = OffsetDateTime.now(ZoneOffset.UTC);
                    CapAlert alert = alert(warning, type, sent, earlier, areas);
                    CapMessage message = new CapMessage();
                    message.identifier = alert.identifier();
                    message.warningId = warning.id;
                    message.sequence = warning.capCount;
                    message.msgType = type;
                    message.sentAt = alert.sent();
                    message.xml = new String(signer.sign(alert), StandardCharsets.UTF_8);
                    return message.persist().replaceWith(message)
                            .call(() -> outbox.addRecord(Topics.BROADCAST_CAP, warning.id.toString(),
                                    "cap." + type.capValue().toLowerCase(), message.xml));
                }));
    }

    private CapAlert alert(Warning warning, MsgType type, OffsetDateTime sent, List<CapMessage> earlier,
            List<Area> areas) {
        Map<String, Area> byCode = areas.stream().collect(Collectors.toMap(a -> a.code, Function.identity()));
        Classification classification = Classification.of(warning.hazard, warning.level);
        CapSigning.Sender sender = senderOf(warning);
        CapInfo info = new CapInfo(CapInfo.CHINESE, type == MsgType.CANCEL ? classification.lifted() : classification,
                warning.effectiveAt, warning.expiresAt, sender.name(), warning.headline,
                warning.description != null ? warning.description : warning.headline, warning.instruction, null,
                warning.areaCodes().stream().map(code -> new CapArea(byCode.get(code).nameZh, code)).toList());
        List<CapReference> references = earlier.stream()
                .map(message -> new CapReference(sender.sender(), message.identifier, message.sentAt)).toList();
        String note = type == MsgType.CANCEL && warning.endReason != null ? warning.endReason : null;
        return new CapAlert(warning.id + "." + warning.capCount, sender.sender(), sent, warning.mode, type,
                references, note, info);
    }

    /** The jurisdictions whose bureau this service issues warnings for. */
    public Set<String> jurisdictions() {
        return new TreeSet<>(config.senders().keySet());
    }

    public boolean speaksFor(String jurisdiction) {
        return config.senders().containsKey(jurisdiction);
    }

    /**
     * The bureau the warning speaks for: its areas lie in one jurisdiction ({@link Warnings#checked}), and its
     * earlier messages, which a change references, went out in the same name.
     */
    private CapSigning.Sender senderOf(Warning warning) {
        String jurisdiction = AreaCodes.jurisdiction(warning.areaCodes().get(0));
        CapSigning.Sender sender = config.senders().get(jurisdiction);
        if (sender == null) {
            throw new IllegalStateException("no CAP sender configured for jurisdiction " + jurisdiction
                    + " (emergency.warning.cap.senders." + jurisdiction + ".*)");
        }
        return sender;
    }

    /** The key file, made first where the configuration allows it (tests, local runs). */
    private static Path keyFile(CapSigning config) {
        Path key = config.privateKey();
        if (Files.exists(key) || !config.generateIfMissing()) {
            return key;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(key.toAbsolutePath().getParent());
            Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(key.resolveSibling("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
