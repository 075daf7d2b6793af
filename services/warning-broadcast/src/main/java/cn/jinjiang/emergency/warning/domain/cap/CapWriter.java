package cn.jinjiang.emergency.warning.domain.cap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * Turns a {@link CapAlert} into a CAP 1.2 document. The schema is a strict sequence, so elements are appended in the
 * schema's order; optional elements the model does not carry are simply left out.
 */
public final class CapWriter {

    private static final String INDENT = "  ";

    /** A new document; sign it (if at all) before serialising, and do not change it after signing. */
    public Document toDocument(CapAlert alert) {
        Document document = CapXml.newDocument();
        Element root = document.createElementNS(CapXml.CAP_NS, "alert");
        // Declared as an attribute so canonicalisation of this in-memory tree matches the parsed bytes.
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", CapXml.CAP_NS);
        document.appendChild(root);

        text(root, "identifier", alert.identifier());
        text(root, "sender", alert.sender());
        time(root, "sent", alert.sent());
        text(root, "status", alert.mode().capValue());
        text(root, "msgType", alert.msgType().capValue());
        text(root, "scope", CapAlert.SCOPE);
        text(root, "note", alert.note());
        if (!alert.references().isEmpty()) {
            text(root, "references", alert.references().stream()
                    .map(CapReference::capValue)
                    .collect(Collectors.joining(" ")));
        }
        info(root, alert.info());

        indent(root, 0);
        return document;
    }

    /** The unsigned message as UTF-8 bytes. */
    public byte[] toBytes(CapAlert alert) {
        return toBytes(toDocument(alert));
    }

    /** Serialises a (possibly signed) CAP document to UTF-8 bytes, exactly as it is. */
    public byte[] toBytes(Document document) {
        return CapXml.serialize(document);
    }

    private static void info(Element alert, CapInfo info) {
        Element element = child(alert, "info");
        Classification classification = info.classification();
        text(element, "language", info.language());
        text(element, "category", classification.category().capValue());
        text(element, "event", classification.event());
        text(element, "urgency", classification.urgency().capValue());
        text(element, "severity", classification.severity().capValue());
        text(element, "certainty", classification.certainty().capValue());
        time(element, "effective", info.effective());
        time(element, "expires", info.expires());
        text(element, "senderName", info.senderName());
        text(element, "headline", info.headline());
        text(element, "description", info.description());
        text(element, "instruction", info.instruction());
        text(element, "web", info.web() == null ? null : info.web().toASCIIString());
        for (CapArea area : info.areas()) {
            area(element, area);
        }
    }

    private static void area(Element info, CapArea area) {
        Element element = child(info, "area");
        text(element, "areaDesc", area.areaDesc());
        for (String code : area.divisionCodes()) {
            Element geocode = child(element, "geocode");
            text(geocode, "valueName", CapArea.GEOCODE_NAME);
            text(geocode, "value", code);
        }
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(CapXml.CAP_NS, name);
        parent.appendChild(element);
        return element;
    }

    private static void text(Element parent, String name, String value) {
        if (value != null) {
            child(parent, name).setTextContent(value);
        }
    }

    private static void time(Element parent, String name, OffsetDateTime value) {
        if (value != null) {
            text(parent, name, CapTime.format(value));
        }
    }

    /**
     * Line breaks between elements, so logs and archived messages are readable as they are. It is whitespace in
     * element-only content, which the schema ignores; text values are untouched.
     */
    private static void indent(Element element, int depth) {
        Node child = element.getFirstChild();
        if (child == null || child.getNodeType() != Node.ELEMENT_NODE) {
            return;
        }
        Document document = element.getOwnerDocument();
        String inner = "\n" + INDENT.repeat(depth + 1);
        while (child != null) {
            Node next = child.getNextSibling();
            element.insertBefore(document.createTextNode(inner), child);
            indent((Element) child, depth + 1);
            child = next;
        }
        element.appendChild(document.createTextNode("\n" + INDENT.repeat(depth)));
    }
}
