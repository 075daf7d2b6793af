package cn.jinjiang.emergency.shared.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka record value, so the record can be
 * validated, stored and replayed on its own.
 *
 * @param subject the incident id: also the Kafka record key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        URI dataschema,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
