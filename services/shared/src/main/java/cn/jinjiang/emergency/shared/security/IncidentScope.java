package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/**
 * The area rule for everything under an incident, {@code /api/incidents/{id}/…}, in every service that keeps its
 * incidents (intake's own, and the copies dispatch, broadcast and reserves project): an incident outside the caller's
 * scope (a duty officer's area, the command centre's jurisdiction) is answered as unknown, 404, before any endpoint
 * reads or changes anything of it, so an endpoint added later cannot forget the rule. An incident not known here is
 * left to the endpoint, which answers 404 its own way.
 * <p>
 * It runs after the request was matched to an endpoint, so a service without such endpoints (the gateway) never
 * reaches its database from here. One indexed read per request under an incident, for callers bounded by a scope.
 */
@Singleton
public class IncidentScope {

    static final String PATH = "/api/incidents/";
    private static final int ID_LENGTH = 36;

    private final Pool pool;
    private final CurrentIdentityAssociation identities;

    public IncidentScope(Pool pool, CurrentIdentityAssociation identities) {
        this.pool = pool;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> withinScope(UriInfo uri) {
        UUID incident = incidentOf(uri.getPath());
        if (incident == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().flatMap(identity -> {
            String scope = scopeOf(identity);
            if (scope == null) {
                return Uni.createFrom().voidItem();
            }
            return pool.preparedQuery("SELECT area_code FROM incident WHERE id = $1").execute(Tuple.of(incident))
                    .invoke(rows -> {
                        RowIterator<Row> found = rows.iterator();
                        if (found.hasNext() && !AreaCodes.covers(scope, found.next().getString(0))) {
                            throw new NotFoundException("No incident " + incident + " is known here");
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** The caller's scope; null for the anonymous (refused later) and for callers bounded by none. */
    private static String scopeOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        return caller == null ? null : caller.scope();
    }

    /** The incident a path is under, or null: {@code /api/incidents/{uuid}} or below it. */
    static UUID incidentOf(String path) {
        if (path == null || !path.startsWith(PATH) || path.length() < PATH.length() + ID_LENGTH) {
            return null;
        }
        int end = PATH.length() + ID_LENGTH;
        if (path.length() > end && path.charAt(end) != '/') {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PATH.length(), end));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
