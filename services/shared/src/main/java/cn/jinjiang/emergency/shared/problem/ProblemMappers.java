package cn.jinjiang.emergency.shared.problem;

import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.idempotency.IdempotencyKeyReused;
import cn.jinjiang.emergency.shared.idempotency.IdempotentRequests;
import cn.jinjiang.emergency.shared.json.JsonErrors;
import cn.jinjiang.emergency.shared.problem.Problem.FieldError;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Every error a client can cause answers as application/problem+json, naming the field where there is one. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A database restart takes seconds; sooner retries would only add load while it comes back. */
    private static final int RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return Problem.invalid(errors).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return Problem.invalid(List.of(new FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e) {
        return Problem.invalid(List.of(new FieldError(JsonErrors.field(e), JsonErrors.message(e)))).toResponse();
    }

    /** Named as well as its supertype below: the REST layer's own mapper for it would otherwise win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unmappableJson(e);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        return Problem.invalid(List.of(new FieldError(JsonErrors.field(e), JsonErrors.message(e)))).toResponse();
    }

    @ServerExceptionMapper
    public Response reusedKey(IdempotencyKeyReused e) {
        return new Problem(URI.create("about:blank"), "Unprocessable Content", 422,
                "The Idempotency-Key " + e.getMessage(),
                List.of(new FieldError(IdempotentRequests.HEADER, e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                        "A valid bearer token is required.").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "Your role does not allow this." : e.getMessage();
        return Problem.of(Response.Status.FORBIDDEN, detail).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null || status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException parse) {
            return unreadableJson(parse);
        }
        if (cause instanceof JsonMappingException mapping) {
            return unmappableJson(mapping);
        }
        return Problem.of(status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (StoreUnavailable.causes(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                            "The service's database is unavailable; nothing was changed. Retry shortly.")
                    .toResponse())
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("Unexpected failure", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "The service failed to handle the request; nothing was changed.").toResponse();
    }

    /**
     * Drops the method and parameter nodes so the field reads as the client wrote it, e.g. location.latitude, with the
     * index of a list element where the violation sits inside one, e.g. lines[2].quantity.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        Path.MethodNode method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                String parameter = requestParameter(violation.getRootBeanClass(), method,
                        node.as(Path.ParameterNode.class).getParameterIndex());
                if (parameter != null) {
                    return parameter;
                }
                continue;
            }
            if (node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // The element's index is carried by the node inside it (or by the container element node itself).
            if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    /** The name a query, path or header parameter has in the request, or null for the body. */
    private static String requestParameter(Class<?> resource, Path.MethodNode method, int index) {
        if (resource == null || method == null) {
            return null;
        }
        // The root bean may be a generated subclass (interceptors) whose overriding method carries no annotations.
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Annotation[] annotations = type.getDeclaredMethod(method.getName(),
                        method.getParameterTypes().toArray(Class[]::new)).getParameterAnnotations()[index];
                for (Annotation annotation : annotations) {
                    if (annotation instanceof QueryParam query) {
                        return query.value();
                    }
                    if (annotation instanceof PathParam path) {
                        return path.value();
                    }
                    if (annotation instanceof HeaderParam header) {
                        return header.value();
                    }
                }
            } catch (NoSuchMethodException | RuntimeException e) {
                // Declared further up, or not at all.
            }
        }
        return null;
    }
}
