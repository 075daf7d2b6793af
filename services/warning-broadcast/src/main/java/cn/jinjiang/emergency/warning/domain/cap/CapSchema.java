package cn.jinjiang.emergency.warning.domain.cap;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates messages against the project's CAP 1.2 schema on the classpath ({@code cap/cap-1.2.xsd}, written from the
 * CAP 1.2 specification; it accepts and refuses alert documents as the specification's own schema does, which
 * {@code CapSchemaEquivalenceTest} checks). The schema imports nothing (its trailing wildcard admits XML-DSig elements
 * laxly), and external access is switched off so validation never reaches the network. Thread-safe: the compiled
 * schema is shared, a validator is made per call.
 */
public final class CapSchema {

    public static final String RESOURCE = "cap/cap-1.2.xsd";

    private final Schema schema;

    /** The project's schema, from the classpath. */
    public CapSchema() {
        this(resource());
    }

    /**
     * Another copy of a CAP 1.2 schema, validated with the same settings: what a receiver or a test compares the
     * project's schema with.
     */
    public CapSchema(URL url) {
        try (InputStream in = url.openStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            schema = factory.newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + url, e);
        }
    }

    private static URL resource() {
        URL url = CapSchema.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        return url;
    }

    /** Every problem found, each with its line and column; empty when the message is valid. */
    public List<String> problems(byte[] message) {
        List<String> problems = new ArrayList<>();
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setErrorHandler(new Collector(problems));
            validator.validate(new SAXSource(CapXml.reader(), new InputSource(new ByteArrayInputStream(message))));
        } catch (SAXParseException e) {
            String problem = describe(e);
            if (problems.isEmpty() || !problems.get(problems.size() - 1).equals(problem)) {
                problems.add(problem);
            }
        } catch (SAXException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(problems);
    }

    public boolean isValid(byte[] message) {
        return problems(message).isEmpty();
    }

    private static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    }

    /** Collects instead of stopping at the first error, so one report shows everything a sender must fix. */
    private record Collector(List<String> problems) implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            problems.add(describe(e));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            problems.add(describe(e));
            throw e;
        }
    }
}
