package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.PictureView;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.contract.GeoPoint;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/** The picture over HTTP, for clients that poll, with the live feed's filters. */
@Path("/api/picture")
@Produces(MediaType.APPLICATION_JSON)
public class PictureResource {

    static final int DEFAULT_AROUND = 5;
    static final int MAX_AROUND = 50;
    /** Besides the filter's parameters: the page's size and where it starts. */
    static final Set<String> PAGING = Set.of("limit", "after");

    private final Picture picture;
    private final PictureReads reads;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public PictureResource(Picture picture, PictureReads reads, SecurityIdentity identity, ObjectMapper mapper) {
        this.picture = picture;
        this.reads = reads;
        this.identity = identity;
        this.mapper = mapper;
    }

    /**
     * The picture with the feed's filters ({@code area}, {@code minGrade}, {@code incidents}, {@code kinds}), one page
     * at a time: at most {@code limit} items (500 by default, at most 5,000) in order of kind then id, from after the
     * cursor {@code after}; {@code next} is the cursor of the following page, null on the last one. Each page is read
     * at its own {@code position}. Written to JSON here, inside the bound on concurrent reads, since that is where a
     * large page takes its memory.
     */
    @GET
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public Response picture(@Context UriInfo uri) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!ScreenFilter.PARAMETERS.contains(parameter.getKey()) && !PAGING.contains(parameter.getKey())) {
                throw new InvalidFieldException(parameter.getKey(), "is not a filter of the picture");
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidFieldException(parameter.getKey(), "may be given once");
            }
        }
        Function<String, String> param = name -> parameters.containsKey(name) ? parameters.get(name).get(0) : null;
        ScreenFilter filter = ScreenFilter.of(caller().scope(), param);
        int limit = PicturePage.limit(param.apply("limit"));
        PicturePage.Cursor after = PicturePage.Cursor.parse(param.apply("after"));
        return reads.read(() -> {
            PictureView view = picture.view();
            PicturePage page = PicturePage.of(view, filter::shows, after, limit);
            ObjectNode answer = mapper.createObjectNode().put("position", view.position().token());
            for (ItemKind kind : ItemKind.values()) {
                ArrayNode list = answer.putArray(kind.listField());
                page.items().stream().filter(item -> item.kind() == kind).forEach(item -> list.add(filter.body(item)));
            }
            answer.put("next", page.next());
            try {
                return Response.ok(mapper.writeValueAsBytes(answer), MediaType.APPLICATION_JSON).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * One incident's picture: its state, report chain, assignments and units, warnings, its allocations counted by
     * status, shelters. The allocations themselves: {@code GET /api/picture?incidents={id}&kinds=allocation}.
     */
    @GET
    @Path("/incidents/{id}")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public JsonNode incident(@PathParam("id") String id) {
        return ScreenFilter.everything(caller().scope()).body(visibleIncident(id));
    }

    /**
     * What the plans ask the command centre to see around an incident point: the nearest available units, the
     * nearest warehouses holding stock, and the nearest shelters with free places, each with its distance.
     */
    @GET
    @Path("/incidents/{id}/around")
    @PermissionsAllowed(AccessPolicy.READ_INCIDENTS)
    public ObjectNode around(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        int count = limit == null ? DEFAULT_AROUND : limit;
        if (count < 1 || count > MAX_AROUND) {
            throw new InvalidFieldException("limit", "must be between 1 and " + MAX_AROUND);
        }
        PictureItem incident = visibleIncident(id);
        GeoPoint point = point(incident.body().path("location"));
        if (point == null) {
            throw new NotFoundException("Incident " + id + " has no location yet (its first report has not arrived)");
        }
        ScreenFilter scope = ScreenFilter.everything(caller().scope());
        ObjectNode answer = mapper.createObjectNode();
        answer.putObject("incident").put("id", incident.id()).set("location", incident.body().get("location"));
        answer.set("units", nearest(point, ItemKind.UNIT, count, scope,
                unit -> "AVAILABLE".equals(unit.path("status").asText())));
        answer.set("warehouses", nearest(point, ItemKind.WAREHOUSE, count, scope, warehouse -> {
            for (JsonNode available : warehouse.path("stock")) {
                if (available.asDouble() > 0) {
                    return true;
                }
            }
            return false;
        }));
        // A shelter not open yet (listed, or closed after an earlier incident) can be opened: it counts, with its
        // status shown, as long as it has room.
        answer.set("shelters", nearest(point, ItemKind.SHELTER, count, scope,
                shelter -> shelter.path("capacity").asLong() > shelter.path("occupancy").asLong()));
        return answer;
    }

    private ArrayNode nearest(GeoPoint point, ItemKind kind, int count, ScreenFilter scope,
                              Predicate<JsonNode> eligible) {
        ArrayNode list = mapper.createArrayNode();
        picture.view().matching(item -> item.kind() == kind && (scope.scope() == null || scope.shows(item))
                        && eligible.test(item.body()) && point(item.body().path("position")) != null)
                .stream()
                .map(item -> Map.entry(item, point.kmTo(point(item.body().path("position")))))
                .sorted(Map.Entry.comparingByValue())
                .limit(count)
                .forEach(entry -> list.add(entry.getKey().body().deepCopy()
                        .put("distanceKm", Math.round(entry.getValue() * 100) / 100.0)));
        return list;
    }

    private PictureItem visibleIncident(String id) {
        UUID incidentId;
        try {
            incidentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("id", "must be an incident id (UUID)");
        }
        PictureItem incident = picture.item(PictureItem.key(ItemKind.INCIDENT, incidentId.toString()));
        if (incident == null || !ScreenFilter.everything(caller().scope()).shows(incident)) {
            // One outside a duty officer's area is answered as unknown, so that its existence does not leak.
            throw new NotFoundException("No incident " + id + " is on the picture");
        }
        return incident;
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static GeoPoint point(JsonNode position) {
        if (position == null || !position.path("latitude").isNumber() || !position.path("longitude").isNumber()) {
            return null;
        }
        return new GeoPoint(position.get("latitude").asDouble(), position.get("longitude").asDouble());
    }
}
