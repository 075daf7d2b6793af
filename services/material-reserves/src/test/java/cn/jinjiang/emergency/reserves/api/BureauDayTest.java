package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The bureaus' day is Asia/Shanghai's: at 18:30 UTC it is already tomorrow in Jinjiang. The service runs on a clock
 * set to the next 18:30 UTC (and ticking on from there), so the test does not wait for the evening.
 */
@QuarkusTest
@TestProfile(BureauDayTest.EveningUtc.class)
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class BureauDayTest {

    /** The next 18:30 UTC after the test started: UTC's date is then the day before Shanghai's. */
    static final Instant EVENING = evening();
    static final LocalDate UTC_TODAY = EVENING.atOffset(ZoneOffset.UTC).toLocalDate();
    static final LocalDate SHANGHAI_TODAY = UTC_TODAY.plusDays(1);

    public static class EveningUtc implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(EveningClock.class);
        }
    }

    /** Replaces the system clock for this profile only. */
    @Alternative
    public static class EveningClock {
        @Produces
        @Singleton
        Clock clock() {
            return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), EVENING));
        }
    }

    /**
     * The next 18:30 UTC, never the last: a clock set back to yesterday evening would show the same Shanghai date as
     * the real UTC date of a morning run, and so could not tell the bureaus' day from UTC's.
     */
    private static Instant evening() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime evening = now.toLocalDate().atTime(18, 30).atOffset(ZoneOffset.UTC);
        return (evening.isAfter(now) ? evening : evening.plusDays(1)).toInstant();
    }

    @Test
    void aLotExpiringOnTheBureausDayHasExpiredThoughUtcIsStillTheDayBefore() {
        String warehouse = Reserves.warehouse("WH-CIZAO").getString("id");
        // Expiring "today" in Shanghai: already expired stock, refused at receipt.
        receive(warehouse, SHANGHAI_TODAY).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].expiresOn"));

        // Expiring tomorrow in Shanghai: taken, and one day from expiry, not two.
        String lot = receive(warehouse, SHANGHAI_TODAY.plusDays(1)).statusCode(201)
                .extract().path("entries[0].lotId");
        Reserves.as("viewer").queryParam("item", "WATER-550").queryParam("warehouse", warehouse)
                .when().get("/api/rotation").then().statusCode(200)
                .body("find { it.lotId == '" + lot + "' }.daysLeft", equalTo(1))
                .body("find { it.lotId == '" + lot + "' }.expired", equalTo(false));

        // Its expiry moved to the bureaus' today (time passing, which no API does): expired, no longer free.
        Reserves.sql("UPDATE lot SET expires_on = DATE '" + SHANGHAI_TODAY + "' WHERE id = '" + lot + "'::uuid");
        Reserves.as("viewer").when().get("/api/warehouses/" + warehouse + "/stock").then().statusCode(200)
                .body("lots.find { it.id == '" + lot + "' }.expired", equalTo(true))
                .body("lots.find { it.id == '" + lot + "' }.free", equalTo(0));
        Reserves.as("viewer").queryParam("item", "WATER-550").queryParam("warehouse", warehouse)
                .when().get("/api/rotation").then().statusCode(200)
                .body("find { it.lotId == '" + lot + "' }.daysLeft", equalTo(0))
                .body("find { it.lotId == '" + lot + "' }.expired", equalTo(true));
    }

    private static ValidatableResponse receive(String warehouse, LocalDate expiresOn) {
        return Reserves.as("warehouse-keeper").contentType(ContentType.JSON)
                .body("{\"items\": [{\"itemCode\": \"WATER-550\", \"quantity\": 10, \"expiresOn\": \"" + expiresOn
                        + "\"}]}")
                .when().post("/api/warehouses/" + warehouse + "/receipts").then();
    }
}
