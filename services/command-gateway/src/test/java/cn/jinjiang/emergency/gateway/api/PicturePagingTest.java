package cn.jinjiang.emergency.gateway.api;

import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/picture} in pages, with strict paging parameters, and its bound on concurrent reads (two in the test
 * profile): beyond it a read is answered 503 with Retry-After, never 500.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class PicturePagingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Response get(String query) {
        return given().header("Authorization", TestTokens.bearer("viewer")).get("/api/picture" + query);
    }

    @Test
    void thePictureComesInPagesEachNamingTheNext() {
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID incident = UUID.randomUUID();
            incidents.add(incident);
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "Paged " + i));
        }
        String filter = "?incidents=" + incidents.stream().map(UUID::toString).collect(Collectors.joining(","));
        Eventually.until(() -> get(filter + "&limit=5000").path("incidents.size()").equals(7), WAIT,
                "the seven incidents on the picture");

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Response page = get(filter + "&limit=3" + (after == null ? "" : "&after=" + after));
            page.then().statusCode(200);
            assertNotNull(page.path("position"));
            List<String> ids = page.path("incidents.id");
            assertTrue(ids.size() <= 3, "a page holds at most limit items");
            seen.addAll(ids);
            after = page.path("next");
            pages++;
        } while (after != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(incidents.stream().map(UUID::toString).sorted().toList(), seen,
                "every item once, in order of its id");
        assertTrue(get(filter).path("next") == null, "the default page (500) holds them all");
    }

    @Test
    void pagingParametersAreReadStrictly() {
        for (String query : List.of("?limit=0", "?limit=5001", "?limit=ten", "?limit=1&limit=2")) {
            get(query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
        }
        for (String query : List.of("?after=garbage", "?after=rumour:1", "?after=incident:")) {
            get(query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("after"));
        }
    }

    @Test
    void concurrentReadsBeyondTheBoundAreAnswered503WithRetryAfterNever500() throws Exception {
        int readers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Response>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(() -> {
                    start.await();
                    return get("?limit=5000");
                });
            }
            List<Future<Response>> answers = new ArrayList<>();
            for (Callable<Response> read : reads) {
                answers.add(pool.submit(read));
            }
            start.countDown();
            int busy = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                int status = response.statusCode();
                assertTrue(status == 200 || status == 503, "answered " + status);
                if (status == 503) {
                    busy++;
                    assertFalse(response.header("Retry-After") == null, "a 503 without Retry-After");
                    assertEquals("application/problem+json", response.contentType());
                }
            }
            assertTrue(busy > 0, readers + " reads at once, none beyond the bound of concurrent reads");
        } finally {
            pool.shutdownNow();
        }
        get("?limit=1").then().statusCode(200);
    }
}
