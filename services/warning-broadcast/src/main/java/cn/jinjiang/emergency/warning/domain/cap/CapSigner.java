package cn.jinjiang.emergency.warning.domain.cap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Objects;

/**
 * Signs CAP messages with an enveloped XML signature over the whole document: RSA-SHA256, SHA-256 digest, exclusive
 * canonicalisation, Reference URI="". The {@code ds:Signature} becomes the last child of {@code alert}, where the CAP
 * 1.2 schema allows elements of the XML-DSig namespace.
 *
 * <p>KeyInfo carries the certificate when one is given, otherwise the RSA public key. It is a hint for the receiver
 * only: a receiver verifies against a key it already trusts (see {@link CapVerifier}).
 */
public final class CapSigner {

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final PublicKey publicKey;
    private final CapWriter writer = new CapWriter();

    /**
     * @param certificate the signer's certificate, or null to publish the bare public key instead (only possible
     *                    when the public key can be derived from the private key, as for keys read from PKCS#8)
     */
    public CapSigner(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (!"RSA".equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("CAP messages are signed with RSA, not " + privateKey.getAlgorithm());
        }
        if (certificate != null) {
            requireMatching(privateKey, certificate.getPublicKey());
        }
        this.certificate = certificate;
        this.publicKey = certificate == null ? publicKeyOf(privateKey) : null;
    }

    public CapSigner(PrivateKey privateKey) {
        this(privateKey, null);
    }

    /** From PEM text: a PKCS#8 private key and, optionally (null), the matching certificate. */
    public static CapSigner fromPem(String privateKeyPem, String certificatePem) {
        return new CapSigner(CapKeys.privateKey(privateKeyPem),
                certificatePem == null ? null : CapKeys.certificate(certificatePem));
    }

    /** From PEM files: a PKCS#8 private key and, optionally (null), the matching certificate. */
    public static CapSigner fromPem(Path privateKeyFile, Path certificateFile) {
        return new CapSigner(CapKeys.readPrivateKey(privateKeyFile),
                certificateFile == null ? null : CapKeys.readCertificate(certificateFile));
    }

    /** Writes, signs and serialises one message. */
    public byte[] sign(CapAlert alert) {
        Document document = writer.toDocument(alert);
        sign(document);
        return writer.toBytes(document);
    }

    /** Signs a CAP document in place. Nothing in it may change afterwards, whitespace included. */
    public void sign(Document document) {
        Element alert = document.getDocumentElement();
        if (alert == null || !CapXml.CAP_NS.equals(alert.getNamespaceURI()) || !"alert".equals(alert.getLocalName())) {
            throw new IllegalArgumentException("not a CAP 1.2 alert");
        }
        if (alert.getElementsByTagNameNS(CapXml.DSIG_NS, "Signature").getLength() > 0) {
            throw new IllegalArgumentException("the message is already signed");
        }
        try {
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            Reference reference = factory.newReference("",
                    factory.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                            (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
                    List.of(reference));
            DOMSignContext context = new DOMSignContext(privateKey, alert);
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo, keyInfo(factory.getKeyInfoFactory())).sign(context);
            dropCarriageReturns(alert.getElementsByTagNameNS(CapXml.DSIG_NS, "SignatureValue"));
            dropCarriageReturns(alert.getElementsByTagNameNS(CapXml.DSIG_NS, "KeyInfo"));
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign the CAP message", e);
        }
    }

    /**
     * The JDK wraps long Base64 values with CR LF, and every CR serialises as {@code &#13;}, which clutters stored
     * messages and trips up hand-written receivers. Base64 ignores line breaks, and neither element is covered by the
     * signature, so this changes nothing signed.
     */
    private static void dropCarriageReturns(NodeList elements) {
        for (int i = 0; i < elements.getLength(); i++) {
            dropCarriageReturns(elements.item(i));
        }
    }

    private static void dropCarriageReturns(Node node) {
        if (node.getNodeType() == Node.TEXT_NODE) {
            node.setNodeValue(node.getNodeValue().replace("\r", ""));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            dropCarriageReturns(child);
        }
    }

    private KeyInfo keyInfo(KeyInfoFactory factory) throws GeneralSecurityException {
        if (certificate != null) {
            return factory.newKeyInfo(List.of(factory.newX509Data(List.of(certificate))));
        }
        if (publicKey != null) {
            return factory.newKeyInfo(List.of(factory.newKeyValue(publicKey)));
        }
        return null;
    }

    /** A certificate for another key would make every message fail verification at the receivers. */
    private static void requireMatching(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic
                && !rsaPrivate.getModulus().equals(rsaPublic.getModulus())) {
            throw new IllegalArgumentException("the certificate is not for this private key");
        }
    }

    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            return null;
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the RSA public key", e);
        }
    }
}
