package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureStore;
import cn.jinjiang.emergency.gateway.testing.PictureEvents;
import cn.jinjiang.emergency.gateway.testing.RawScreen;
import cn.jinjiang.emergency.shared.contract.Topics;
import cn.jinjiang.emergency.shared.testing.Eventually;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.ScreenClient;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static cn.jinjiang.emergency.gateway.testing.PictureEvents.ANHAI;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.CIZAO;
import static cn.jinjiang.emergency.gateway.testing.PictureEvents.DONGSHI;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live picture's protocol: order, gaps, resume, filters, slow screens. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "command_gateway_test"))
class PictureFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/ws/incidents")
    URI feed;

    @Inject
    PictureStore store;

    @Inject
    SnapshotJoins joins;

    private URI ws(String query) {
        return URI.create(feed.toString().replaceFirst("^http", "ws") + (query == null ? "" : "?" + query));
    }

    static Predicate<JsonNode> about(UUID incident) {
        return m -> incident.toString().equals(m.path("incident").path("id").asText());
    }

    /**
     * A message that shows the screen the incident: its snapshot holding it, or a change about it after the snapshot
     * (a screen may join at a snapshot made a moment before for another screen, and then be handed what came after).
     */
    static Predicate<JsonNode> shows(UUID incident) {
        return m -> about(incident).test(m) || kind("snapshot").test(m)
                && m.path("incidents").findValuesAsText("id").contains(incident.toString());
    }

    static Predicate<JsonNode> kind(String kind) {
        return m -> kind.equals(m.path("kind").asText());
    }

    /**
     * What a screen checks to know it missed nothing: each change names the change shown to its filter before it
     * ({@code prev}), which must be one the screen holds (no later than the last {@code seq} it has), and comes after
     * it (a higher {@code seq}: none twice). Right after a join, the last is the join's own {@code seq}; a change
     * replayed after a resume carries none. Returns how many changes had exactly the last one as {@code prev}.
     */
    static int assertNoGap(List<JsonNode> messages) {
        long last = -1;
        int chained = 0;
        for (JsonNode message : messages) {
            if (!message.has("seq") || kind("resync").test(message)) {
                continue;
            }
            long seq = message.path("seq").asLong();
            if (message.has("prev") && last >= 0) {
                long prev = message.path("prev").asLong();
                assertTrue(prev <= last, "gap before " + message + " (last held " + last + ")");
                assertTrue(seq > last, "shown twice or out of order: " + message + " (last held " + last + ")");
                chained += prev == last ? 1 : 0;
            }
            last = seq;
        }
        return chained;
    }

    @Test
    void aBurstOfChangesArrivesInOrderWithNoGapEachWithItsPosition() {
        try (ScreenClient screen = ScreenClient.connect(ws(null), TestTokens.token("dispatcher", null))) {
            JsonNode snapshot = screen.await(kind("snapshot"), WAIT);
            assertTrue(snapshot.path("seq").asLong() >= 0, snapshot.toString());
            assertFalse(snapshot.path("position").asText().isEmpty() && snapshot.path("incidents").size() > 0);

            UUID incident = UUID.randomUUID();
            List<ObjectNode> chain = new ArrayList<>();
            chain.add(PictureEvents.reported(incident, ANHAI, "IV", "Burst"));
            for (int sequence = 2; sequence <= 150; sequence++) {
                chain.add(PictureEvents.followUp(incident, sequence, "Situation " + sequence));
            }
            PictureEvents.sendAll(Topics.INCIDENT_EVENTS, chain);
            JsonNode last = screen.await(m -> about(incident).test(m)
                    && m.path("incident").path("reports").has("150"), WAIT);

            List<JsonNode> received = screen.received(Duration.ZERO);
            // Everything is shown to this screen's filter, so each change names the one just before it.
            assertTrue(assertNoGap(received) >= 149, "each change after the first names the one before it");
            List<JsonNode> changes = received.stream().filter(about(incident)).toList();
            assertEquals(150, changes.size(), "each event once");
            for (int i = 0; i < changes.size(); i++) {
                assertEquals(i + 1, changes.get(i).path("incident").path("reports").size(), "in order");
            }
            // The position moves with each change on the partition the incident's events travel on.
            String partition = last.path("source").asText().replaceFirst("@.*", "");
            long previous = -1;
            for (JsonNode change : changes) {
                long offset = Long.parseLong(change.path("source").asText().replaceFirst(".*@", ""));
                assertTrue(offset > previous);
                assertTrue(change.path("position").asText().contains(partition + "=" + (offset + 1)));
                previous = offset;
            }
        }
    }

    @Test
    void aScreenReconnectingWithItsLastPositionGetsExactlyWhatItMissed() {
        UUID incident = UUID.randomUUID();
        String position;
        try (ScreenClient screen = ScreenClient.connect(ws(null), TestTokens.token("viewer", null))) {
            screen.await(kind("snapshot"), WAIT);
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "Before the screen went away"));
            position = screen.await(about(incident), WAIT).path("position").asText();
        }
        List<ObjectNode> missed = List.of(PictureEvents.followUp(incident, 2, "Missed one"),
                PictureEvents.followUp(incident, 3, "Missed two"));
        PictureEvents.sendAll(Topics.INCIDENT_EVENTS, missed);
        UUID marker = UUID.randomUUID();
        PictureEvents.send(PictureEvents.reported(marker, ANHAI, "IV", "Marker"));
        awaitOnPicture(marker);

        String from = "from=" + URLEncoder.encode(position, StandardCharsets.UTF_8);
        try (ScreenClient screen = ScreenClient.connect(ws(from), TestTokens.token("viewer", null))) {
            JsonNode resumed = screen.await(kind("resumed"), WAIT);
            JsonNode markerShown = screen.await(about(marker), WAIT);
            List<JsonNode> received = screen.received(Duration.ofMillis(300));
            assertNoGap(received);
            assertTrue(received.stream().filter(about(incident)).noneMatch(m -> m.has("seq")),
                    "replayed changes come before the resume's seq and carry none");
            assertFalse(markerShown.has("seq"), "the marker was on the picture before the resume: replayed");
            assertTrue(resumed.path("seq").asLong() > 0, resumed.toString());
            assertTrue(received.stream().noneMatch(kind("snapshot")));
            List<String> replayed = received.stream().filter(about(incident))
                    .map(m -> m.path("eventId").asText()).toList();
            assertEquals(missed.stream().map(e -> e.path("id").asText()).toList(), replayed,
                    "exactly the missed changes, in order, none it had seen");

            UUID live = UUID.randomUUID();
            PictureEvents.send(PictureEvents.reported(live, ANHAI, "IV", "After the resume"));
            JsonNode liveShown = screen.await(about(live), WAIT);
            assertTrue(liveShown.path("seq").asLong() > resumed.path("seq").asLong(), liveShown.toString());
            assertTrue(liveShown.path("prev").asLong() <= resumed.path("seq").asLong(), liveShown.toString());
        }
    }

    @Test
    void aPositionTooFarBackGetsAFreshSnapshot() {
        // More than max-replay (50 in tests) changes behind: a snapshot is smaller than the replay.
        String before;
        UUID marker = UUID.randomUUID();
        try (ScreenClient screen = ScreenClient.connect(ws(null), TestTokens.token("viewer", null))) {
            screen.await(kind("snapshot"), WAIT);
            // Its snapshot may be one shared from a moment ago, older than another test's purge of the change log:
            // the position to resume from is taken from a change handed to it since.
            PictureEvents.send(PictureEvents.reported(marker, ANHAI, "IV", "Marker before the missed changes"));
            before = screen.await(about(marker), WAIT).path("position").asText();
        }
        UUID incident = UUID.randomUUID();
        List<ObjectNode> chain = new ArrayList<>();
        chain.add(PictureEvents.reported(incident, ANHAI, "IV", "Long ago"));
        for (int sequence = 2; sequence <= 60; sequence++) {
            chain.add(PictureEvents.followUp(incident, sequence, "Situation " + sequence));
        }
        PictureEvents.sendAll(Topics.INCIDENT_EVENTS, chain);
        awaitOnPicture(incident, 60);
        try (ScreenClient screen = ScreenClient.connect(ws("from=" + URLEncoder.encode(before,
                StandardCharsets.UTF_8)), TestTokens.token("viewer", null))) {
            JsonNode snapshot = screen.await(kind("snapshot"), WAIT);
            assertTrue(snapshot.path("reason").asText().contains("changes missed"), snapshot.toString());
        }
    }

    @Test
    void aPositionOlderThanTheChangeLogGetsAFreshSnapshot() {
        String old;
        try (ScreenClient screen = ScreenClient.connect(ws(null), TestTokens.token("viewer", null))) {
            old = screen.await(kind("snapshot"), WAIT).path("position").asText();
        }
        UUID incident = UUID.randomUUID();
        PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "Purged from the log"));
        awaitOnPicture(incident);
        store.purge(Duration.ZERO).await().atMost(WAIT);
        try (ScreenClient screen = ScreenClient.connect(ws("from=" + URLEncoder.encode(old, StandardCharsets.UTF_8)),
                TestTokens.token("viewer", null))) {
            JsonNode snapshot = screen.await(kind("snapshot"), WAIT);
            assertTrue(snapshot.path("reason").asText().contains("older than the change log"), snapshot.toString());
            screen.await(shows(incident), WAIT);
        }
    }

    /** A street of Licheng district, the other bureau's jurisdiction. */
    private static final String LICHENG_STREET = "350502001000";

    @Test
    void aDutyOfficerNeverReceivesAnotherAreasIncidentEvenWhenAskingForIt() {
        UUID dongshi = UUID.randomUUID();
        String cizaoToken = TestTokens.token("duty-officer", CIZAO);
        try (ScreenClient asking = ScreenClient.connect(ws("area=" + DONGSHI + "&incidents=" + dongshi), cizaoToken);
             ScreenClient plain = ScreenClient.connect(ws(null), cizaoToken);
             ScreenClient dongshiOfficer = ScreenClient.connect(ws(null),
                     TestTokens.token("duty-officer", DONGSHI))) {
            asking.await(kind("snapshot"), WAIT);
            plain.await(kind("snapshot"), WAIT);
            PictureEvents.send(PictureEvents.reported(dongshi, DONGSHI, "II", "Dongshi only"));
            PictureEvents.send(PictureEvents.assigned(dongshi, UUID.randomUUID(), "JJ-FIRE-DONGSHI-1"));
            UUID cizao = UUID.randomUUID();
            PictureEvents.send(PictureEvents.reported(cizao, CIZAO, "IV", "Cizao's own"));

            dongshiOfficer.await(m -> about(dongshi).test(m) && "dispatch.assigned".equals(m.path("kind").asText()),
                    WAIT);
            plain.await(about(cizao), WAIT);
            assertTrue(asking.received(Duration.ofMillis(500)).stream().noneMatch(about(dongshi)));
            assertTrue(plain.received(Duration.ZERO).stream().noneMatch(about(dongshi)));
            assertTrue(asking.received(Duration.ZERO).stream().noneMatch(about(cizao)),
                    "the requested area narrows the officer's own too");
        }
        try (ScreenClient late = ScreenClient.connect(ws("area=" + DONGSHI), cizaoToken)) {
            JsonNode snapshot = late.await(kind("snapshot"), WAIT);
            assertTrue(snapshot.path("incidents").findValuesAsText("id").stream()
                    .noneMatch(dongshi.toString()::equals));
        }
    }

    @Test
    void aCommandCentreSeesItsOwnJurisdictionAndThePrefecturesStaffSeeBoth() {
        UUID licheng = UUID.randomUUID();
        UUID jinjiang = UUID.randomUUID();
        String jinjiangViewer = TestTokens.token(TestTokens.claims("viewer", null).claim("jurisdiction", "350582"));
        try (ScreenClient jinjiangScreen = ScreenClient.connect(ws(null), jinjiangViewer);
             ScreenClient prefectureScreen = ScreenClient.connect(ws(null),
                     TestTokens.token(TestTokens.claims("viewer", null).claim("jurisdiction", "350500")))) {
            jinjiangScreen.await(kind("snapshot"), WAIT);
            prefectureScreen.await(kind("snapshot"), WAIT);
            PictureEvents.send(PictureEvents.reported(licheng, LICHENG_STREET, "III", "Licheng's"));
            PictureEvents.send(PictureEvents.reported(jinjiang, ANHAI, "IV", "Jinjiang's"));

            prefectureScreen.await(about(licheng), WAIT);
            prefectureScreen.await(about(jinjiang), WAIT);
            jinjiangScreen.await(about(jinjiang), WAIT);
            // Licheng's change may come on another partition after Jinjiang's: give it the time to.
            assertTrue(jinjiangScreen.received(Duration.ofMillis(500)).stream().noneMatch(about(licheng)));
        }
        // Nor over HTTP, even asked for by its id or its area.
        given().header("Authorization", "Bearer " + jinjiangViewer)
                .when().get("/api/picture/incidents/" + licheng).then().statusCode(404);
        String picture = given().header("Authorization", "Bearer " + jinjiangViewer)
                .queryParam("area", LICHENG_STREET).when().get("/api/picture").then().statusCode(200)
                .extract().asString();
        assertFalse(picture.contains(licheng.toString()), picture);
        try (ScreenClient late = ScreenClient.connect(ws("area=" + LICHENG_STREET), jinjiangViewer)) {
            JsonNode snapshot = late.await(kind("snapshot"), WAIT);
            assertFalse(snapshot.toString().contains(licheng.toString()), snapshot.toString());
        }
    }

    @Test
    void filtersByGradeIncidentAndKind() {
        UUID serious = UUID.randomUUID();
        UUID ordinary = UUID.randomUUID();
        try (ScreenClient grade = ScreenClient.connect(ws("minGrade=II"), TestTokens.token("dispatcher", null));
             ScreenClient one = ScreenClient.connect(ws("incidents=" + ordinary + "&kinds=incident"),
                     TestTokens.token("commander", null))) {
            grade.await(kind("snapshot"), WAIT);
            one.await(kind("snapshot"), WAIT);
            PictureEvents.send(PictureEvents.reported(ordinary, ANHAI, "IV", "Ordinary"));
            PictureEvents.send(PictureEvents.reported(serious, ANHAI, "I", "Serious"));
            UUID unit = UUID.randomUUID();
            PictureEvents.send(PictureEvents.unitStatus(unit, ordinary, "AVAILABLE", "DISPATCHED", 1, 24.7, 118.5));
            grade.await(about(serious), WAIT);
            JsonNode statusChange = one.await(kind("unit.status-changed"), WAIT);
            assertFalse(statusChange.has("unit"), "kinds=incident: the unit item is left out");
            assertEquals("DISPATCHED", statusChange.path("incident").path("units").path(unit.toString())
                    .path("status").asText());
            assertTrue(grade.received(Duration.ofMillis(300)).stream().noneMatch(about(ordinary)));
            assertTrue(one.received(Duration.ZERO).stream().noneMatch(about(serious)));
        }
    }

    @Test
    void screensJoiningTogetherShareOneSnapshotAndAreHandedWhatCameAfterIt() {
        UUID incident = UUID.randomUUID();
        // A filter no other test uses, so the first screen's snapshot is made for it and no earlier one is shared.
        String query = "incidents=" + incident;
        String token = TestTokens.token("viewer", null);
        try (ScreenClient first = ScreenClient.connect(ws(query), token)) {
            JsonNode made = first.await(kind("snapshot"), WAIT);
            assertTrue(made.path("incidents").isEmpty(), made.toString());
            PictureEvents.send(PictureEvents.reported(incident, ANHAI, "IV", "After the first snapshot"));
            first.await(about(incident), WAIT);
            PictureEvents.send(PictureEvents.followUp(incident, 2, "Second report"));
            JsonNode firstFollowUp = first.await(m -> about(incident).test(m)
                    && m.path("incident").path("reports").has("2"), WAIT);

            try (ScreenClient second = ScreenClient.connect(ws(query), token)) {
                JsonNode shared = second.await(kind("snapshot"), WAIT);
                assertEquals(made.path("position").asText(), shared.path("position").asText(),
                        "joined at the first screen's snapshot");
                assertTrue(shared.path("incidents").isEmpty(), shared.toString());
                JsonNode reported = second.await(kind("incident.reported"), WAIT);
                JsonNode followUp = second.await(kind("incident.updated"), WAIT);
                // The first screen's filter stream names each change's predecessor for both screens.
                assertTrue(reported.path("seq").asLong() > shared.path("seq").asLong());
                assertTrue(reported.path("prev").asLong() <= shared.path("seq").asLong());
                assertEquals(reported.path("seq").asLong(), followUp.path("prev").asLong());
                assertEquals(firstFollowUp.path("position").asText(), followUp.path("position").asText());
                PictureEvents.send(PictureEvents.followUp(incident, 3, "Third report, live"));
                JsonNode live = second.await(m -> about(incident).test(m)
                        && m.path("incident").path("reports").has("3"), WAIT);
                assertEquals(followUp.path("seq").asLong(), live.path("prev").asLong(), "nothing missed");
                assertTrue(live.path("seq").asLong() > followUp.path("seq").asLong(), "nothing twice");
            }
        }
        // A snapshot is megabytes: none is kept past its reuse (10 s in tests) once no screen joins any more.
        Eventually.until(() -> joins.kept() == 0, WAIT, "the shared snapshots let go");
    }

    @Test
    void aStalledScreenIsToldToResyncWhileTheOthersKeepUp() {
        UUID incident = UUID.randomUUID();
        String situation = "x".repeat(1500);
        try (RawScreen stalled = RawScreen.connect(ws(null), TestTokens.token("viewer", null));
             ScreenClient healthy = ScreenClient.connect(ws(null), TestTokens.token("viewer", null))) {
            healthy.await(kind("snapshot"), WAIT);
            List<ObjectNode> chain = new ArrayList<>();
            chain.add(PictureEvents.reported(incident, ANHAI, "III", "Many long follow-ups"));
            for (int sequence = 2; sequence <= 120; sequence++) {
                chain.add(PictureEvents.followUp(incident, sequence, sequence + situation));
            }
            long sent = System.nanoTime();
            PictureEvents.sendAll(Topics.INCIDENT_EVENTS, chain);
            healthy.await(m -> about(incident).test(m) && m.path("incident").path("reports").has("120"), WAIT);
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(millis < 15_000, "the healthy screen took " + millis + " ms for the burst");
            assertNoGap(healthy.received(Duration.ZERO));

            // The stalled screen reads again: what it was sent ends with the resync notice (and, as it never
            // answered a ping either, with its connection closed).
            List<JsonNode> backlog = stalled.readAll(8000);
            JsonNode resync = backlog.stream().filter(kind("resync")).findFirst().orElseThrow(
                    () -> new AssertionError("no resync notice among " + backlog.size() + " messages"));
            assertFalse(resync.path("position").asText().isEmpty());
            assertNoGap(backlog);
            assertTrue(backlog.stream().filter(about(incident)).count() < 119, "dropped, not buffered");
        }
    }

    @Test
    void aScreenThatNeverAnswersPingsIsClosed() {
        try (RawScreen dead = RawScreen.connect(ws(null), TestTokens.token("viewer", null))) {
            // Ping interval 3 s in tests: closed after two unanswered intervals.
            dead.readAll(15_000);
            assertEquals(4408, dead.closeCode());
        }
    }

    @Test
    void malformedFiltersAreRefusedAtTheUpgrade() {
        for (String query : List.of("minGrade=V", "area=1234", "incidents=not-a-uuid", "kinds=rumour",
                "from=garbage", "colour=red")) {
            assertThrows400(query);
        }
    }

    private void assertThrows400(String query) {
        try {
            ScreenClient.connect(ws(query), TestTokens.token("viewer", null)).close();
            throw new AssertionError(query + " was accepted");
        } catch (java.util.concurrent.CompletionException refused) {
            var handshake = (java.net.http.WebSocketHandshakeException) refused.getCause();
            assertEquals(400, handshake.getResponse().statusCode(), query);
        }
    }

    static void awaitOnPicture(UUID incident) {
        awaitOnPicture(incident, 1);
    }

    /** Until the incident is on the picture with at least {@code reports} reports in its chain. */
    static void awaitOnPicture(UUID incident, int reports) {
        cn.jinjiang.emergency.shared.testing.Eventually.until(() -> {
            var response = given().header("Authorization", TestTokens.bearer("viewer"))
                    .get("/api/picture/incidents/" + incident);
            Integer shown = response.statusCode() == 200 ? response.path("reports.size()") : null;
            return shown != null && shown >= reports;
        }, WAIT, "incident " + incident + " on the picture with " + reports + " reports");
    }
}
