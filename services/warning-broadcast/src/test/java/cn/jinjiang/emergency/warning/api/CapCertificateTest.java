package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import cn.jinjiang.emergency.shared.testing.TopicReader;
import cn.jinjiang.emergency.warning.domain.cap.CapKeys;
import cn.jinjiang.emergency.warning.domain.cap.CapSchema;
import cn.jinjiang.emergency.warning.domain.cap.CapVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code emergency.warning.cap.certificate} configured, every CAP message on broadcast-cap carries that
 * certificate in its signature's KeyInfo, and a receiver trusting the certificate verifies it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
@QuarkusTestResource(value = SigningCertificate.class, restrictToAnnotatedClass = true)
class CapCertificateTest {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    @Test
    void theConfiguredCertificateIsInEachSignatureAndVerifiesIt() throws Exception {
        X509Certificate certificate = CapKeys.readCertificate(SigningCertificate.CERTIFICATE);
        try (TopicReader cap = new TopicReader(RealInfrastructure.broker(), Topics.BROADCAST_CAP)) {
            String id = given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                    .body("""
                            {"hazard": "RAINSTORM", "level": "BLUE", "headline": "晋江市暴雨蓝色预警",
                             "instruction": "注意防范城市内涝。", "areaCodes": ["350582100000"], "expiresAt": "%s"}
                            """.formatted(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)))
                    .when().post("/api/warnings").then().statusCode(201).extract().path("id");
            given().header("Authorization", TestTokens.bearer("commander")).when()
                    .post("/api/warnings/" + id + "/approve").then().statusCode(200);

            ConsumerRecord<String, String> message = cap.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            byte[] xml = message.value().getBytes(StandardCharsets.UTF_8);
            Document document = parse(xml);
            NodeList certificates = document.getElementsByTagNameNS(DSIG, "X509Certificate");
            assertEquals(1, certificates.getLength(), message.value());
            assertArrayEquals(certificate.getEncoded(),
                    Base64.getMimeDecoder().decode(certificates.item(0).getTextContent()),
                    "KeyInfo carries the configured certificate");
            assertEquals(0, document.getElementsByTagNameNS(DSIG, "RSAKeyValue").getLength(),
                    "the certificate, not the bare key");
            assertTrue(CapVerifier.trusting(certificate).verify(xml), "verifies with the certificate's key");
            assertEquals(List.of(), new CapSchema().problems(xml));
            // Another key, however it is published, does not verify it.
            assertFalse(new CapVerifier(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic())
                    .verify(xml));
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
