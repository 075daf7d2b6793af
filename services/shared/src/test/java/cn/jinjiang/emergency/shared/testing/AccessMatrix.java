package cn.jinjiang.emergency.shared.testing;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Role × endpoint for one service, from its own OpenAPI document: every documented operation must name its permission
 * here (so a new endpoint cannot be left out), and then every role, an unknown role, a token without roles and no
 * token at all are tried against it. Holders of the permission ({@link AccessPolicy}) get past the access check
 * (anything but 401/403); everybody else gets 403, and no token 401, both as problem+json.
 */
public final class AccessMatrix {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String UNKNOWN_ROLE = "janitor";
    private static final String OFFICER_AREA = "350582100000";

    private AccessMatrix() {
    }

    /** @param permissions "METHOD /path" as in the OpenAPI document (e.g. "GET /api/incidents/{id}") → permission */
    public static void verify(Map<String, String> permissions) throws Exception {
        JsonNode document = new ObjectMapper().readTree(
                given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        assertEquals(documented, new TreeSet<>(permissions.keySet()),
                "every documented endpoint, and only those, must name its permission in the access matrix");

        List<String> failures = new ArrayList<>();
        permissions.forEach((endpoint, permission) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            expect(failures, endpoint, "no token", call(given(), method, path), 401);
            expect(failures, endpoint, "no roles",
                    call(as(TestTokens.bearer(TestTokens.claims(null, null))), method, path), 403);
            expect(failures, endpoint, UNKNOWN_ROLE,
                    call(as(TestTokens.bearer(UNKNOWN_ROLE)), method, path), 403);
            Set<String> holders = AccessPolicy.rolesWith(permission);
            for (String role : Roles.ALL) {
                String token = Roles.RESCUE_UNIT.equals(role) ? TestTokens.rescueUnit("JJ-TEST-UNIT")
                        : TestTokens.bearer(role, Roles.DUTY_OFFICER.equals(role) ? OFFICER_AREA : null);
                int status = call(as(token), method, path);
                if (holders.contains(role)) {
                    if (status == 401 || status == 403) {
                        failures.add(endpoint + " as " + role + ": " + status + ", but the policy grants "
                                + permission);
                    }
                } else {
                    expect(failures, endpoint, role, status, 403);
                }
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    private static int call(RequestSpecification request, String method, String path) {
        var response = request.contentType("application/json").body("{}").when().request(method, path);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                    method + " " + path + " answered " + status + " without problem+json");
        }
        return status;
    }

    private static void expect(List<String> failures, String endpoint, String who, int status, int expected) {
        if (status != expected) {
            failures.add(endpoint + " as " + who + ": " + status + ", expected " + expected);
        }
    }
}
