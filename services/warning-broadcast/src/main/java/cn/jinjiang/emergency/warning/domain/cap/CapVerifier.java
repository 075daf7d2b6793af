package cn.jinjiang.emergency.warning.domain.cap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.crypto.KeySelector;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a signed CAP message against a public key the receiver already trusts; the KeyInfo in the message is
 * ignored, since anyone can put their own key there.
 *
 * <p>Only the profile {@link CapSigner} produces is accepted: one signature, last child of {@code alert}, one
 * reference to the whole document (URI=""), enveloped transform then exclusive C14N, SHA-256, RSA-SHA256. Anything
 * looser would let a forger sign a fragment and present it alongside other content.
 */
public final class CapVerifier {

    private static final List<String> TRANSFORMS = List.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);

    private final PublicKey trustedKey;

    public CapVerifier(PublicKey trustedKey) {
        this.trustedKey = Objects.requireNonNull(trustedKey, "trustedKey");
    }

    /** Trusts the key of this certificate. Whether the certificate itself is still trusted is the caller's call. */
    public static CapVerifier trusting(X509Certificate certificate) {
        return new CapVerifier(certificate.getPublicKey());
    }

    /** True only for a well-formed CAP message carrying a valid signature by the trusted key. */
    public boolean verify(byte[] message) {
        return problem(message).isEmpty();
    }

    /** Why the message does not verify, or empty if it does. */
    public Optional<String> problem(byte[] message) {
        Document document;
        try {
            document = CapXml.parse(message);
        } catch (SAXException e) {
            return Optional.of("not well-formed XML, or it has a DOCTYPE: " + e.getMessage());
        }
        Element alert = document.getDocumentElement();
        if (!CapXml.CAP_NS.equals(alert.getNamespaceURI()) || !"alert".equals(alert.getLocalName())) {
            return Optional.of("not a CAP 1.2 alert");
        }
        NodeList signatures = document.getElementsByTagNameNS(CapXml.DSIG_NS, "Signature");
        if (signatures.getLength() != 1) {
            return Optional.of("expected one signature, found " + signatures.getLength());
        }
        Element signatureElement = (Element) signatures.item(0);
        if (signatureElement.getParentNode() != alert || signatureElement != lastElementChild(alert)) {
            return Optional.of("the signature is not the last child of alert");
        }
        try {
            DOMValidateContext context =
                    new DOMValidateContext(KeySelector.singletonKeySelector(trustedKey), signatureElement);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            Optional<String> profile = profileProblem(signature.getSignedInfo());
            if (profile.isPresent()) {
                return profile;
            }
            if (signature.validate(context)) {
                return Optional.empty();
            }
            return Optional.of(signature.getSignatureValue().validate(context)
                    ? "the message was changed after signing"
                    : "the signature was not made with the trusted key");
        } catch (MarshalException | XMLSignatureException e) {
            return Optional.of("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static Optional<String> profileProblem(SignedInfo signedInfo) {
        if (!CanonicalizationMethod.EXCLUSIVE.equals(signedInfo.getCanonicalizationMethod().getAlgorithm())) {
            return Optional.of("unexpected canonicalisation " + signedInfo.getCanonicalizationMethod().getAlgorithm());
        }
        if (!SignatureMethod.RSA_SHA256.equals(signedInfo.getSignatureMethod().getAlgorithm())) {
            return Optional.of("unexpected signature method " + signedInfo.getSignatureMethod().getAlgorithm());
        }
        List<?> references = signedInfo.getReferences();
        if (references.size() != 1) {
            return Optional.of("expected one reference, found " + references.size());
        }
        Reference reference = (Reference) references.get(0);
        if (!"".equals(reference.getURI())) {
            return Optional.of("the signature does not cover the whole message (URI=\"" + reference.getURI() + "\")");
        }
        if (!DigestMethod.SHA256.equals(reference.getDigestMethod().getAlgorithm())) {
            return Optional.of("unexpected digest method " + reference.getDigestMethod().getAlgorithm());
        }
        List<String> transforms = reference.getTransforms().stream()
                .map(transform -> ((Transform) transform).getAlgorithm())
                .toList();
        if (!transforms.equals(TRANSFORMS)) {
            return Optional.of("unexpected transforms " + transforms);
        }
        return Optional.empty();
    }

    private static Node lastElementChild(Element parent) {
        Node child = parent.getLastChild();
        while (child != null && child.getNodeType() != Node.ELEMENT_NODE) {
            child = child.getPreviousSibling();
        }
        return child;
    }
}
