package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/warnings} in pages: {@code limit} warnings at most, newest change first, {@code next} leading to the
 * following page until it is null; the filters apply in the database, before the page is cut.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class WarningListTest {

    private static final String VIEWER = TestTokens.bearer("viewer");
    private static final String SHENHU = "350582107000";
    private static final String JINJIANG = "350582000000";
    private static final String LICHENG = "350502000000";

    private static String draft(String area) {
        return given().header("Authorization", TestTokens.bearer("dispatcher")).contentType(ContentType.JSON)
                .body("""
                        {"hazard": "DROUGHT", "level": "BLUE", "headline": "干旱蓝色预警", "instruction": "节约用水。",
                         "areaCodes": ["%s"], "expiresAt": "%s"}
                        """.formatted(area, OffsetDateTime.now(ZoneOffset.UTC).plusDays(3)))
                .when().post("/api/warnings").then().statusCode(201).extract().path("id");
    }

    private static JsonPath page(String area, int limit, String after) {
        var request = given().header("Authorization", VIEWER).queryParam("status", "DRAFT")
                .queryParam("hazard", "DROUGHT").queryParam("areaCode", area).queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.when().get("/api/warnings").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void moreWarningsThanAPageAreReadPageByPageNewestFirst() {
        List<String> reachingShenhu = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            reachingShenhu.add(draft(SHENHU));
        }
        reachingShenhu.add(draft(JINJIANG));
        String elsewhere = draft(LICHENG);

        List<String> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = page(SHENHU, 3, after);
            List<String> ids = page.getList("warnings.id");
            sizes.add(ids.size());
            read.addAll(ids);
            after = page.getString("next");
            assertTrue(sizes.size() < 10, "the pages end");
        } while (after != null);

        assertTrue(sizes.stream().allMatch(size -> size <= 3), "no page over the limit: " + sizes);
        assertEquals(read.size(), new HashSet<>(read).size(), "no warning on two pages: " + read);
        assertTrue(read.containsAll(reachingShenhu), "every warning that reaches Shenhu: " + read);
        assertTrue(!read.contains(elsewhere), "not Licheng's");
        assertTrue(sizes.size() >= 3, "eight warnings in pages of three: " + sizes);
        // Newest change first: the last one drafted leads.
        assertEquals(reachingShenhu.get(reachingShenhu.size() - 1), read.get(0));
        List<String> ours = read.stream().filter(reachingShenhu::contains).toList();
        List<String> newestFirst = new ArrayList<>(reachingShenhu);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, ours);

        // The county's list holds the warnings targeting places inside it.
        Set<String> county = new HashSet<>();
        after = null;
        do {
            JsonPath page = page(JINJIANG, 500, after);
            county.addAll(page.getList("warnings.id"));
            after = page.getString("next");
        } while (after != null);
        assertTrue(county.containsAll(reachingShenhu));
        assertTrue(!county.contains(elsewhere));
    }

    @Test
    void theLastPageHasNoNextAndTheDefaultPageIsBounded() {
        String id = draft(LICHENG);
        JsonPath all = given().header("Authorization", VIEWER).queryParam("status", "DRAFT").when()
                .get("/api/warnings").then().statusCode(200).body("warnings.id", hasItem(id)).extract().jsonPath();
        assertTrue(all.getList("warnings").size() <= 100, "100 by default");
        String next = all.getString("next");
        if (next == null) {
            given().header("Authorization", VIEWER).queryParam("status", "DRAFT").queryParam("limit", 500).when()
                    .get("/api/warnings").then().statusCode(200).body("next", nullValue());
        } else {
            assertNotNull(given().header("Authorization", VIEWER).queryParam("status", "DRAFT")
                    .queryParam("after", next).when().get("/api/warnings").then().statusCode(200)
                    .extract().path("warnings"));
        }
    }

    @Test
    void aBadLimitOrCursorIsRefusedNamingIt() {
        for (String limit : List.of("0", "501", "ten", "2.5")) {
            given().header("Authorization", VIEWER).queryParam("limit", limit).when().get("/api/warnings")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("limit"));
        }
        for (String after : List.of("yesterday", "2026-01-01T00:00:00Z~not-a-uuid", "~")) {
            given().header("Authorization", VIEWER).queryParam("after", after).when().get("/api/warnings")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("after"));
        }
    }
}
