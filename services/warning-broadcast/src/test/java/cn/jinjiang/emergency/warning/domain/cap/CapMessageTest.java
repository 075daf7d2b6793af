package cn.jinjiang.emergency.warning.domain.cap;

import cn.jinjiang.emergency.shared.contract.WarningMode;
import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapMessageTest {

    private static final String SENDER = "warning-broadcast@emergency.jinjiang.gov.cn";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final Pattern CAP_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
    private static final String JINJIANG = "350582000000";
    // Division codes below the city are illustrative; only their shape matters here.
    private static final String SHENHU = "350582103000";
    private static final String JINJING = "350582104000";

    private static final CapSchema SCHEMA = new CapSchema();
    private static final CapWriter WRITER = new CapWriter();

    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final String warningId = UUID.randomUUID().toString();

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    // --- one warning's life: issued orange, raised to red, lifted ---

    private CapAlert issued() {
        OffsetDateTime sent = OffsetDateTime.of(2025, 7, 28, 9, 30, 15, 123_456_789, CHINA);
        return new CapAlert(warningId + ".1", SENDER, sent, WarningMode.ACTUAL, MsgType.ALERT, List.of(), null,
                info(Classification.of(Hazard.TYPHOON, WarningLevel.ORANGE), sent, sent.plusHours(24),
                        "晋江市发布台风橙色预警",
                        "受台风影响，预计12小时内沿海将出现10级以上大风，并伴有暴雨。",
                        "停止户外集体活动；渔船回港避风；危险地带人员转移。",
                        List.of(new CapArea("晋江市", JINJIANG))));
    }

    private CapAlert raised(CapAlert issued) {
        OffsetDateTime sent = issued.sent().plusHours(6);
        return new CapAlert(warningId + ".2", SENDER, sent, WarningMode.ACTUAL, MsgType.UPDATE,
                List.of(CapReference.to(issued)), null,
                info(Classification.of(Hazard.TYPHOON, WarningLevel.RED), sent, sent.plusHours(24),
                        "晋江市台风橙色预警升级为红色预警",
                        "台风将于6小时内在沿海登陆，平均风力12级以上。",
                        "人员留在安全场所，远离海边和临时建筑；深沪、金井两镇沿海人员立即转移。",
                        List.of(new CapArea("晋江市", JINJIANG),
                                new CapArea("深沪镇、金井镇沿海村（社区）", List.of(SHENHU, JINJING)))));
    }

    private CapAlert lifted(CapAlert issued, CapAlert raised) {
        OffsetDateTime sent = raised.sent().plusHours(20);
        return new CapAlert(warningId + ".3", SENDER, sent, WarningMode.ACTUAL, MsgType.CANCEL,
                List.of(CapReference.to(issued), CapReference.to(raised)), null,
                info(Classification.of(Hazard.TYPHOON, WarningLevel.RED).lifted(), sent, null,
                        "晋江市解除台风红色预警",
                        "台风已减弱并远离，影响基本结束。",
                        null,
                        List.of(new CapArea("晋江市", JINJIANG))));
    }

    private static CapInfo info(Classification classification, OffsetDateTime effective, OffsetDateTime expires,
                                String headline, String description, String instruction, List<CapArea> areas) {
        return new CapInfo(CapInfo.CHINESE, classification, effective, expires, "晋江市应急管理局", headline,
                description, instruction, URI.create("https://emergency.jinjiang.gov.cn/warnings"), areas);
    }

    private List<CapAlert> chain() {
        CapAlert issued = issued();
        CapAlert raised = raised(issued);
        return List.of(issued, raised, lifted(issued, raised));
    }

    @Test
    void alertUpdateAndCancelAreSchemaValidAndVerify() throws IOException {
        CapSigner signer = new CapSigner(keys.getPrivate());
        CapVerifier verifier = new CapVerifier(keys.getPublic());
        Path samples = Files.createDirectories(Path.of("target", "cap-samples"));
        for (CapAlert alert : chain()) {
            byte[] unsigned = WRITER.toBytes(alert);
            assertEquals(List.of(), SCHEMA.problems(unsigned), alert.msgType() + " unsigned");

            byte[] signed = signer.sign(alert);
            assertEquals(List.of(), SCHEMA.problems(signed), alert.msgType() + " signed");
            assertEquals(java.util.Optional.empty(), verifier.problem(signed), alert.msgType().capValue());
            assertTrue(verifier.verify(signed));
            assertFalse(new String(signed, StandardCharsets.UTF_8).contains("&#13;"));

            // Kept for checking with independent tools, e.g. xmllint --schema.
            Files.write(samples.resolve(alert.msgType().capValue().toLowerCase() + ".xml"), signed);
        }
    }

    @Test
    void messagesCarryTheirFieldsInSchemaOrder() throws Exception {
        CapAlert raised = chain().get(1);
        Element alert = CapXml.parse(new CapSigner(keys.getPrivate()).sign(raised)).getDocumentElement();

        assertEquals(CapXml.CAP_NS, alert.getNamespaceURI());
        assertEquals(List.of("identifier", "sender", "sent", "status", "msgType", "scope", "references", "info",
                "Signature"), childNames(alert));
        assertEquals(CapXml.DSIG_NS, lastElement(alert).getNamespaceURI());
        assertEquals("Actual", text(alert, "status"));
        assertEquals("Update", text(alert, "msgType"));
        assertEquals("Public", text(alert, "scope"));

        Element info = child(alert, "info");
        assertEquals(List.of("language", "category", "event", "urgency", "severity", "certainty", "effective",
                "expires", "senderName", "headline", "description", "instruction", "web", "area", "area"),
                childNames(info));
        assertEquals("zh-CN", text(info, "language"));
        assertEquals("Met", text(info, "category"));
        assertEquals("台风", text(info, "event"));
        assertEquals("Immediate", text(info, "urgency"));
        assertEquals("Extreme", text(info, "severity"));
        assertEquals("Likely", text(info, "certainty"));

        Element area = (Element) info.getElementsByTagNameNS(CapXml.CAP_NS, "area").item(1);
        assertEquals(List.of("areaDesc", "geocode", "geocode"), childNames(area));
        Element geocode = child(area, "geocode");
        assertEquals("GB/T2260", text(geocode, "valueName"));
        assertEquals(SHENHU, text(geocode, "value"));
    }

    @Test
    void updateAndCancelReferenceEveryEarlierMessage() throws Exception {
        List<CapAlert> chain = chain();
        CapAlert issued = chain.get(0);
        CapAlert raised = chain.get(1);
        String first = SENDER + "," + warningId + ".1,2025-07-28T09:30:15+08:00";
        String second = SENDER + "," + warningId + ".2,2025-07-28T15:30:15+08:00";

        assertEquals(first, CapReference.to(issued).capValue());
        assertEquals(first, referencesOf(raised));
        assertEquals(first + " " + second, referencesOf(chain.get(2)));
        assertEquals(List.of(), chain.get(0).references());
        assertEquals(-1, new String(WRITER.toBytes(issued), StandardCharsets.UTF_8).indexOf("<references>"));

        assertThrows(IllegalArgumentException.class, () -> new CapAlert(warningId + ".2", SENDER, raised.sent(),
                WarningMode.ACTUAL, MsgType.UPDATE, List.of(), null, raised.info()));
        assertThrows(IllegalArgumentException.class, () -> new CapAlert(warningId + ".3", SENDER, raised.sent(),
                WarningMode.ACTUAL, MsgType.CANCEL, List.of(), null, raised.info()));
    }

    @Test
    void identifiersAndSendersCannotBreakReferences() {
        CapAlert issued = issued();
        for (String bad : List.of("a b", "a,b", "a<b", "a&b", " ", "")) {
            assertThrows(IllegalArgumentException.class, () -> new CapAlert(bad, SENDER, issued.sent(),
                    WarningMode.ACTUAL, MsgType.ALERT, List.of(), null, issued.info()), bad);
            assertThrows(IllegalArgumentException.class, () -> new CapAlert(warningId, bad, issued.sent(),
                    WarningMode.ACTUAL, MsgType.ALERT, List.of(), null, issued.info()), bad);
        }
    }

    @Test
    void datesHaveWholeSecondsAndAnExplicitOffset() throws Exception {
        for (CapAlert alert : chain()) {
            Element root = CapXml.parse(WRITER.toBytes(alert)).getDocumentElement();
            List<String> times = new ArrayList<>();
            for (String name : List.of("sent", "effective", "expires")) {
                var nodes = root.getElementsByTagNameNS(CapXml.CAP_NS, name);
                for (int i = 0; i < nodes.getLength(); i++) {
                    times.add(nodes.item(i).getTextContent());
                }
            }
            assertTrue(times.size() >= 2, times::toString);
            for (String time : times) {
                assertTrue(CAP_TIME.matcher(time).matches(), time);
            }
        }
        assertEquals("2025-07-28T09:30:15+08:00", text(CapXml.parse(WRITER.toBytes(issued())).getDocumentElement(),
                "sent"));
        assertEquals("2025-07-28T01:30:15-00:00",
                CapTime.format(OffsetDateTime.of(2025, 7, 28, 1, 30, 15, 999_000_000, ZoneOffset.UTC)));
        assertEquals("2025-01-02T03:04:05-05:30",
                CapTime.format(OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30))));
        assertThrows(IllegalArgumentException.class,
                () -> CapTime.format(OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.ofTotalSeconds(3601))));
    }

    @Test
    void utcMessagesAreSchemaValid() {
        CapAlert issued = issued();
        OffsetDateTime utc = issued.sent().withOffsetSameInstant(ZoneOffset.UTC);
        CapAlert inUtc = new CapAlert(issued.identifier(), SENDER, utc, WarningMode.ACTUAL, MsgType.ALERT, List.of(), null,
                info(issued.info().classification(), utc, utc.plusHours(1), "h", "d", null,
                        issued.info().areas()));
        String xml = new String(WRITER.toBytes(inUtc), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<sent>2025-07-28T01:30:15-00:00</sent>"), xml);
        assertEquals(List.of(), SCHEMA.problems(WRITER.toBytes(inUtc)));
    }

    @ParameterizedTest
    @CsvSource({
            "<headline>晋江市台风橙色预警升级为红色预警</headline>, <headline>晋江市台风预警解除</headline>",
            "<status>Actual</status>, <status>Exercise</status>",
            "<value>350582103000</value>, <value>350582999000</value>",
            "<severity>Extreme</severity>, <severity>Minor</severity>",
            "<instruction>人员留在安全场所, <instruction>人员可以外出",
    })
    void changingAnyTextAfterSigningFailsVerification(String original, String forged) {
        byte[] signed = new CapSigner(keys.getPrivate()).sign(chain().get(1));
        byte[] tampered = replace(signed, original, forged);

        CapVerifier verifier = new CapVerifier(keys.getPublic());
        assertFalse(verifier.verify(tampered));
        assertEquals("the message was changed after signing", verifier.problem(tampered).orElseThrow());
        // Still a perfectly valid CAP message: only the signature tells the forgery apart.
        assertEquals(List.of(), SCHEMA.problems(tampered));
    }

    @Test
    void reindentingASignedMessageBreaksItsSignature() {
        byte[] signed = new CapSigner(keys.getPrivate()).sign(issued());
        assertFalse(new CapVerifier(keys.getPublic()).verify(replace(signed, "\n  <info>", "\n    <info>")));
    }

    @Test
    void aMessageSignedWithAnotherKeyFails() {
        byte[] signed = new CapSigner(otherKeys.getPrivate()).sign(issued());

        assertTrue(new CapVerifier(otherKeys.getPublic()).verify(signed));
        CapVerifier verifier = new CapVerifier(keys.getPublic());
        assertFalse(verifier.verify(signed));
        assertEquals("the signature was not made with the trusted key", verifier.problem(signed).orElseThrow());
    }

    @Test
    void unsignedOrMalformedMessagesFailWithoutThrowing() {
        CapVerifier verifier = new CapVerifier(keys.getPublic());
        byte[] signed = new CapSigner(keys.getPrivate()).sign(issued());
        String text = new String(signed, StandardCharsets.UTF_8);

        assertFalse(verifier.verify(WRITER.toBytes(issued())));
        assertFalse(verifier.verify("not xml".getBytes(StandardCharsets.UTF_8)));
        assertFalse(verifier.verify(text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8)));
        String signature = text.substring(text.indexOf("<ds:Signature"), text.indexOf("</ds:Signature>") + 15);
        assertFalse(verifier.verify(text.replace("</alert>", signature + "</alert>").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void documentTypeDeclarationsAreRefused() {
        byte[] signed = new CapSigner(keys.getPrivate()).sign(issued());
        String xml = new String(signed, StandardCharsets.UTF_8);
        String withEntity = xml.replaceFirst("\\?>", "?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace("<headline>", "<headline>&x;");
        byte[] hostile = withEntity.getBytes(StandardCharsets.UTF_8);

        CapVerifier verifier = new CapVerifier(keys.getPublic());
        assertFalse(verifier.verify(hostile));
        assertTrue(verifier.problem(hostile).orElseThrow().contains("DOCTYPE"));
        List<String> problems = SCHEMA.problems(hostile);
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("DOCTYPE"), problems::toString);
    }

    @Test
    void schemaReportsWhatIsWrong() {
        String xml = new String(WRITER.toBytes(issued()), StandardCharsets.UTF_8)
                .replace("<status>Actual</status>", "<status>Real</status>")
                .replace("+08:00</sent>", "Z</sent>");
        List<String> problems = SCHEMA.problems(xml.getBytes(StandardCharsets.UTF_8));
        assertTrue(problems.stream().anyMatch(p -> p.contains("Real")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("sent") || p.contains("09:30:15Z")),
                problems::toString);
    }

    @Test
    void keyInfoCarriesThePublicKeyWhenThereIsNoCertificate() throws Exception {
        Document signed = CapXml.parse(new CapSigner(keys.getPrivate()).sign(issued()));
        assertEquals(1, signed.getElementsByTagNameNS(CapXml.DSIG_NS, "RSAKeyValue").getLength());
        assertEquals(0, signed.getElementsByTagNameNS(CapXml.DSIG_NS, "X509Certificate").getLength());
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", algorithm(signed, "SignatureMethod"));
        assertEquals("http://www.w3.org/2001/04/xmlenc#sha256", algorithm(signed, "DigestMethod"));
        assertEquals("http://www.w3.org/2001/10/xml-exc-c14n#", algorithm(signed, "CanonicalizationMethod"));
        Element reference = (Element) signed.getElementsByTagNameNS(CapXml.DSIG_NS, "Reference").item(0);
        assertEquals("", reference.getAttribute("URI"));
        assertTrue(reference.hasAttribute("URI"));
    }

    @Test
    void keysAndCertificateFromPemFiles(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("signer.p12");
        Path certificateFile = dir.resolve("signer.crt.pem");
        keytool("-genkeypair", "-alias", "cap", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=Jinjiang Emergency Management Bureau CAP signer", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "cap", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificateFile.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Path keyFile = dir.resolve("signer.key.pem");
        Files.writeString(keyFile, pem("PRIVATE KEY", store.getKey("cap", "changeit".toCharArray()).getEncoded()));

        CapSigner signer = CapSigner.fromPem(keyFile, certificateFile);
        byte[] signed = signer.sign(issued());

        Document document = CapXml.parse(signed);
        assertEquals(1, document.getElementsByTagNameNS(CapXml.DSIG_NS, "X509Certificate").getLength());
        assertEquals(0, document.getElementsByTagNameNS(CapXml.DSIG_NS, "RSAKeyValue").getLength());
        assertEquals(List.of(), SCHEMA.problems(signed));

        X509Certificate certificate = CapKeys.readCertificate(certificateFile);
        assertTrue(CapVerifier.trusting(certificate).verify(signed));
        assertTrue(new CapVerifier(CapKeys.readPublicKey(certificateFile)).verify(signed));
        assertFalse(CapVerifier.trusting(certificate).verify(new CapSigner(keys.getPrivate()).sign(issued())));

        assertThrows(IllegalArgumentException.class, () -> new CapSigner(keys.getPrivate(), certificate));
    }

    @Test
    void keysFromPemText() {
        String privatePem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        String publicPem = pem("PUBLIC KEY", keys.getPublic().getEncoded());

        PrivateKey privateKey = CapKeys.privateKey("# signing key\n" + privatePem);
        PublicKey publicKey = CapKeys.publicKey(publicPem);
        assertEquals(keys.getPublic(), publicKey);

        byte[] signed = CapSigner.fromPem(privatePem, null).sign(issued());
        assertTrue(new CapVerifier(publicKey).verify(signed));
        assertTrue(new CapVerifier(keys.getPublic()).verify(new CapSigner(privateKey).sign(issued())));

        assertThrows(IllegalArgumentException.class, () -> CapKeys.privateKey(publicPem));
        assertThrows(IllegalArgumentException.class, () -> CapKeys.publicKey(privatePem));
        assertThrows(IllegalArgumentException.class,
                () -> CapKeys.privateKey(pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})));
        assertThrows(IllegalArgumentException.class, () -> CapKeys.privateKey("no pem here"));
    }

    // --- mapping tables: every hazard and level gives the documented, schema-valid values ---

    private static final Map<WarningLevel, List<String>> LEVELS = Map.of(
            WarningLevel.RED, List.of("Immediate", "Extreme", "Likely"),
            WarningLevel.ORANGE, List.of("Expected", "Severe", "Likely"),
            WarningLevel.YELLOW, List.of("Expected", "Moderate", "Possible"),
            WarningLevel.BLUE, List.of("Future", "Minor", "Possible"));

    private static final Map<Hazard, String> CATEGORIES = Map.of(
            Hazard.TYPHOON, "Met", Hazard.RAINSTORM, "Met", Hazard.FLOOD, "Met", Hazard.DROUGHT, "Met",
            Hazard.EARTHQUAKE, "Geo", Hazard.GEOLOGICAL_HAZARD, "Geo",
            Hazard.FOREST_FIRE, "Fire", Hazard.CITY_FIRE, "Fire",
            Hazard.CITY_POWER, "Infra", Hazard.CITY_GAS, "Infra");

    @ParameterizedTest
    @EnumSource(Hazard.class)
    void everyHazardAndLevelGivesSchemaValidMessages(Hazard hazard) throws Exception {
        assertEquals(Hazard.values().length, CATEGORIES.size());
        assertEquals(WarningLevel.values().length, LEVELS.size());
        CapAlert template = issued();
        for (WarningLevel level : WarningLevel.values()) {
            for (boolean lifted : new boolean[] {false, true}) {
                Classification classification = Classification.of(hazard, level);
                CapAlert alert = new CapAlert(template.identifier(), SENDER, template.sent(), WarningMode.ACTUAL,
                        lifted ? MsgType.CANCEL : MsgType.ALERT,
                        lifted ? List.of(CapReference.to(template)) : List.of(), null,
                        info(lifted ? classification.lifted() : classification, template.sent(), null,
                                level.chineseName() + hazard.chineseName() + "预警", "说明", "防御指南",
                                template.info().areas()));
                byte[] xml = WRITER.toBytes(alert);
                assertEquals(List.of(), SCHEMA.problems(xml), hazard + " " + level);

                Element info = child(CapXml.parse(xml).getDocumentElement(), "info");
                List<String> expected = LEVELS.get(level);
                assertEquals(CATEGORIES.get(hazard), text(info, "category"));
                assertEquals(hazard.chineseName(), text(info, "event"));
                assertEquals(lifted ? "Past" : expected.get(0), text(info, "urgency"));
                assertEquals(expected.get(1), text(info, "severity"));
                assertEquals(expected.get(2), text(info, "certainty"));
            }
        }
    }

    @Test
    void severityIdentifiesTheLevel() {
        assertEquals(WarningLevel.values().length,
                java.util.Arrays.stream(WarningLevel.values()).map(Severity::of).distinct().count());
    }

    @ParameterizedTest
    @CsvSource({"ACTUAL, Actual", "EXERCISE, Exercise", "TEST, Test"})
    void everyModeIsASchemaValidStatus(WarningMode mode, String status) throws Exception {
        CapAlert issued = issued();
        CapAlert alert = new CapAlert(issued.identifier(), SENDER, issued.sent(), mode, MsgType.ALERT, List.of(),
                mode == WarningMode.ACTUAL ? null : "2025年汛期防台风演练，非真实预警", issued.info());
        byte[] signed = new CapSigner(keys.getPrivate()).sign(alert);
        assertEquals(List.of(), SCHEMA.problems(signed));
        assertEquals(status, text(CapXml.parse(signed).getDocumentElement(), "status"));
        assertTrue(new CapVerifier(keys.getPublic()).verify(signed));
    }

    @Test
    void invalidContentIsRefusedWhenTheModelIsBuilt() {
        CapInfo valid = issued().info();
        assertThrows(IllegalArgumentException.class, () -> new CapArea("晋江市", "350582"));
        assertThrows(IllegalArgumentException.class, () -> new CapArea("晋江市", List.of()));
        assertThrows(IllegalArgumentException.class, () -> info(valid.classification(), valid.effective(),
                valid.effective().minusHours(1), "h", "d", null, valid.areas()));
        assertThrows(IllegalArgumentException.class, () -> info(valid.classification(), null, null,
                "bell\u0007", "d", null, valid.areas()));
        assertThrows(IllegalArgumentException.class, () -> info(valid.classification(), null, null,
                "h", "d", null, List.of()));
        assertEquals(0, valid.effective().getNano());
    }

    @Test
    void aSignedDocumentCannotBeSignedAgain() {
        Document document = WRITER.toDocument(issued());
        CapSigner signer = new CapSigner(keys.getPrivate());
        signer.sign(document);
        assertThrows(IllegalArgumentException.class, () -> signer.sign(document));
    }

    // --- helpers ---

    private static String referencesOf(CapAlert alert) throws Exception {
        return text(CapXml.parse(WRITER.toBytes(alert)).getDocumentElement(), "references");
    }

    private static byte[] replace(byte[] xml, String original, String forged) {
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains(original), original);
        return text.replace(original, forged).getBytes(StandardCharsets.UTF_8);
    }

    private static String algorithm(Document document, String element) {
        return ((Element) document.getElementsByTagNameNS(CapXml.DSIG_NS, element).item(0)).getAttribute("Algorithm");
    }

    private static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    private static Element child(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && name.equals(child.getLocalName())) {
                return (Element) child;
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getLocalName());
    }

    private static Element lastElement(Element parent) {
        Node child = parent.getLastChild();
        while (child.getNodeType() != Node.ELEMENT_NODE) {
            child = child.getPreviousSibling();
        }
        return (Element) child;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
    }
}
