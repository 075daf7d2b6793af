package cn.jinjiang.emergency.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details; {@code errors} names each offending field of the request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem(URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(), detail,
                List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        return new Problem(URI.create("about:blank"), "Bad Request", 400, "Invalid request: " + fields, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
