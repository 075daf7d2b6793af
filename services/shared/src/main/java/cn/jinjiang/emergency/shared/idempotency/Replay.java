package cn.jinjiang.emergency.shared.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** An answer as it can be given again: status, Location (or null) and the JSON body. */
public record Replay(int status, String location, String body) {

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        return location == null ? response.build() : response.location(URI.create(location)).build();
    }
}
