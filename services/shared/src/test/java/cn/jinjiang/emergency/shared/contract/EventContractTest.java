package cn.jinjiang.emergency.shared.contract;

import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.contract.events.AcknowledgementOverdue;
import cn.jinjiang.emergency.shared.contract.events.AllocationNotice;
import cn.jinjiang.emergency.shared.contract.events.AllocationShortfall;
import cn.jinjiang.emergency.shared.contract.events.BroadcastAck;
import cn.jinjiang.emergency.shared.contract.events.CallOffNotice;
import cn.jinjiang.emergency.shared.contract.events.CoverageChanged;
import cn.jinjiang.emergency.shared.contract.events.CoverageLine;
import cn.jinjiang.emergency.shared.contract.events.CoverageShortfall;
import cn.jinjiang.emergency.shared.contract.events.DispatchShortfall;
import cn.jinjiang.emergency.shared.contract.events.DuplicateLink;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.ExpiryApproaching;
import cn.jinjiang.emergency.shared.contract.events.IncidentMerged;
import cn.jinjiang.emergency.shared.contract.events.IncidentRegraded;
import cn.jinjiang.emergency.shared.contract.events.IncidentReopened;
import cn.jinjiang.emergency.shared.contract.events.IncidentReport;
import cn.jinjiang.emergency.shared.contract.events.IncidentReported;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.contract.events.ReleaseRequested;
import cn.jinjiang.emergency.shared.contract.events.ReportOverdue;
import cn.jinjiang.emergency.shared.contract.events.ShelterNotice;
import cn.jinjiang.emergency.shared.contract.events.StockAidNotice;
import cn.jinjiang.emergency.shared.contract.events.StockLevels;
import cn.jinjiang.emergency.shared.contract.events.StockLow;
import cn.jinjiang.emergency.shared.contract.events.TransferClosed;
import cn.jinjiang.emergency.shared.contract.events.TransferOrdered;
import cn.jinjiang.emergency.shared.contract.events.TransferProgress;
import cn.jinjiang.emergency.shared.contract.events.UnitAssigned;
import cn.jinjiang.emergency.shared.contract.events.UnitListed;
import cn.jinjiang.emergency.shared.contract.events.UnitPositionChanged;
import cn.jinjiang.emergency.shared.contract.events.UnitReleased;
import cn.jinjiang.emergency.shared.contract.events.UnitStatusChanged;
import cn.jinjiang.emergency.shared.contract.events.WarningAcknowledged;
import cn.jinjiang.emergency.shared.contract.events.WarningNotice;
import cn.jinjiang.emergency.shared.messaging.EventSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locks the Java event types, the examples and the JSON Schemas in /schemas to one another. */
class EventContractTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("schemas.dir", "../../schemas"));
    private static final EventSchemas VALIDATOR = EventSchemas.fromDirectory(SCHEMAS.toAbsolutePath());
    /** Serialises as the services do (Quarkus' ObjectMapper: ISO-8601 dates, modules found on the classpath). */
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final UUID INCIDENT = UUID.fromString("0e6b3a52-2d4c-4f8e-9b71-5c3a9d2e8f10");
    private static final CoverageLine LINE = new CoverageLine("350582107000", "深沪镇", "TOWNSHIP", "350582000000", 9,
            6, 1, 2, 87000, 61000, 70.1, 84000, 96.6, 61000, 70.1, CoverageLine.Cause.DELIVERY);
    private static final UUID UNIT = UUID.fromString("b1f0c8d2-3a4e-3b5c-8d6e-7f8091a2b3c4");
    private static final Map<EventType, Object> SAMPLES = Map.ofEntries(Map.entry(
            EventType.INCIDENT_REPORTED, new IncidentReported(INCIDENT, IncidentType.HAZARDOUS_CHEMICALS,
                    "Tank leak at Cizao ceramics plant", new IncidentReported.GeoPoint(24.8153, 118.5031),
                    "350582101000", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20),
                    OffsetDateTime.now(ZoneOffset.UTC), "cizao-duty-02",
                    new IncidentReported.Casualties(1, 4, 7, 0), new BigDecimal("1200000"), Grade.IV, 35, null,
                    List.of(new DuplicateLink(UUID.randomUUID(), "350582104000", 87.4)), true,
                    "Tank leaking ammonia, plant evacuated", "Plant fire team sealing the valve", "0595-85681234")),
            Map.entry(EventType.INCIDENT_UPDATED, report(IncidentReport.Kind.FOLLOW_UP, 2)),
            Map.entry(EventType.INCIDENT_CLOSED, report(IncidentReport.Kind.FINAL, 3)),
            Map.entry(EventType.INCIDENT_REGRADED, new IncidentRegraded(INCIDENT, Grade.IV, Grade.III, Grade.III,
                    IncidentRegraded.Cause.REPORT, null, UUID.randomUUID(), "cizao-duty-02",
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.INCIDENT_REOPENED, new IncidentReopened(INCIDENT,
                    "Second leak found at the same tank farm", "jinjiang-commander-01",
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.INCIDENT_MERGED, new IncidentMerged(UUID.randomUUID(), INCIDENT,
                    "Same tank farm leak reported by two villages", 2, "jinjiang-commander-01",
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.REPORT_OVERDUE, new ReportOverdue(INCIDENT, UUID.randomUUID(), ReportOverdue.Kind.NEXT_REPORT,
                    OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                    Grade.III, "350582101000", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.DISPATCH_ASSIGNED, new UnitAssigned(INCIDENT, UUID.randomUUID(), UNIT,
                    "JJ-FIRE-NEIKENG-1", UnitType.FIRE_ENGINE, List.of(Capability.FIRE, Capability.HAZMAT), 3, 11.5,
                    "jinjiang-dispatcher-02", OffsetDateTime.now(ZoneOffset.UTC), "350582")),
            Map.entry(EventType.DISPATCH_RELEASED, new UnitReleased(INCIDENT, UUID.randomUUID(), UNIT,
                    "JJ-FIRE-NEIKENG-1", 4, UnitReleased.Cause.REASSIGNED, "Needed at the tank leak",
                    UUID.randomUUID(), "jinjiang-dispatcher-02", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.DISPATCH_SHORTFALL, new DispatchShortfall(INCIDENT, IncidentType.FIRE, Grade.III,
                    Grade.IV, List.of(new DispatchShortfall.Line(Capability.FIRE, 4, 2, 2)),
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.DISPATCH_RELEASE_REQUESTED, new ReleaseRequested(INCIDENT,
                    ReleaseRequested.Cause.INCIDENT_CLOSED,
                    List.of(new ReleaseRequested.Unit(UUID.randomUUID(), UNIT, "JJ-FIRE-NEIKENG-1")),
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.DISPATCH_MUTUAL_AID_REQUESTED, mutualAid(MutualAidNotice.Status.REQUESTED, null)),
            Map.entry(EventType.DISPATCH_MUTUAL_AID_ACCEPTED, mutualAid(MutualAidNotice.Status.ACCEPTED, null)),
            Map.entry(EventType.DISPATCH_MUTUAL_AID_DECLINED, mutualAid(MutualAidNotice.Status.DECLINED,
                    "All Jinjiang engines committed to the Anhai flood")),
            Map.entry(EventType.DISPATCH_MUTUAL_AID_WITHDRAWN, mutualAid(MutualAidNotice.Status.WITHDRAWN,
                    "Fire under control")),
            Map.entry(EventType.DISPATCH_MUTUAL_AID_OVERDUE, mutualAid(MutualAidNotice.Status.REQUESTED, null)),
            Map.entry(EventType.RESERVE_MUTUAL_AID_REQUESTED, stockAid(MutualAidNotice.Status.REQUESTED, null)),
            Map.entry(EventType.RESERVE_MUTUAL_AID_ACCEPTED, stockAid(MutualAidNotice.Status.ACCEPTED, null)),
            Map.entry(EventType.RESERVE_MUTUAL_AID_DECLINED, stockAid(MutualAidNotice.Status.DECLINED,
                    "Jinjiang's tents are at the Anhai shelters")),
            Map.entry(EventType.RESERVE_MUTUAL_AID_WITHDRAWN, stockAid(MutualAidNotice.Status.WITHDRAWN,
                    "Donations covered it")),
            Map.entry(EventType.RESERVE_MUTUAL_AID_OVERDUE, stockAid(MutualAidNotice.Status.REQUESTED, null)),
            Map.entry(EventType.UNIT_STATUS_CHANGED, new UnitStatusChanged(UNIT, "JJ-FIRE-NEIKENG-1",
                    UnitType.FIRE_ENGINE, 3, UnitStatus.AVAILABLE, UnitStatus.DISPATCHED, INCIDENT, null,
                    "jinjiang-dispatcher-02", OffsetDateTime.now(ZoneOffset.UTC), new GeoPoint(24.65, 118.49))),
            Map.entry(EventType.UNIT_LISTED, new UnitListed(UNIT, "JJ-FIRE-NEIKENG-1", UnitType.FIRE_ENGINE,
                    List.of(Capability.FIRE, Capability.SEARCH_RESCUE), "FS-NEIKENG", "350582106000", 6,
                    UnitStatus.AVAILABLE, null, 0, new GeoPoint(24.65, 118.49), 1, "reference-data",
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.UNIT_POSITION_CHANGED, new UnitPositionChanged(UNIT, "JJ-FIRE-NEIKENG-1", INCIDENT,
                    new GeoPoint(24.66, 118.5), 12, OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.WARNING_ISSUED, warning(WarningNotice.Status.ACTIVE, "W.1")),
            Map.entry(EventType.WARNING_UPDATED, warning(WarningNotice.Status.ACTIVE, "W.2")),
            Map.entry(EventType.WARNING_CANCELLED, warning(WarningNotice.Status.CANCELLED, "W.3")),
            Map.entry(EventType.WARNING_EXPIRED, warning(WarningNotice.Status.EXPIRED, null)),
            Map.entry(EventType.WARNING_COVERAGE_CHANGED, new CoverageChanged(UUID.randomUUID(), INCIDENT, LINE,
                    List.of(LINE), OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.WARNING_ACKNOWLEDGED, new WarningAcknowledged(UUID.randomUUID(), INCIDENT,
                    WarningLevel.ORANGE, "350582101000", "cizao-duty-officer-01", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.TRANSFER_ORDERED, new TransferOrdered(UUID.randomUUID(), UUID.randomUUID(), null,
                    "台风橙色预警：低洼村居人员转移", OffsetDateTime.now(ZoneOffset.UTC).plusHours(5),
                    List.of(new TransferOrdered.Area("350582107001", "350582107000", 420, 65, "王建国")),
                    "jinjiang-commander-01", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.TRANSFER_PROGRESS_REPORTED, transferProgress("shenhu-duty-officer-01")),
            Map.entry(EventType.TRANSFER_OVERDUE, transferProgress(null)),
            Map.entry(EventType.TRANSFER_CLOSED, new TransferClosed(UUID.randomUUID(), UUID.randomUUID(), INCIDENT,
                    "350582", 730, 715, 0, 15, "台风已过境", "system", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.WARNING_ACKNOWLEDGEMENT_OVERDUE, new AcknowledgementOverdue(UUID.randomUUID(), null,
                    WarningLevel.YELLOW, "350582104000", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.WARNING_COVERAGE_SHORTFALL, new CoverageShortfall(UUID.randomUUID(), null, 90.0,
                    OffsetDateTime.now(ZoneOffset.UTC), LINE, List.of(LINE), OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.RESERVE_ALLOCATED, allocation(AllocationNotice.Status.RESERVED, null)),
            Map.entry(EventType.RESERVE_DISPATCHED, allocation(AllocationNotice.Status.DISPATCHED, null)),
            Map.entry(EventType.RESERVE_DELIVERED, allocation(AllocationNotice.Status.DELIVERED, null)),
            Map.entry(EventType.RESERVE_RELEASED, allocation(AllocationNotice.Status.CANCELLED, "Road flooded")),
            Map.entry(EventType.RESERVE_ALLOCATION_SHORTFALL, new AllocationShortfall(INCIDENT, "350582",
                    UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC).plusHours(9), List.of(new AllocationShortfall.Line("PUMP-SUB",
                    20, 6, 2, List.of(new AllocationShortfall.AgreementOption(UUID.randomUUID(), "AG-2026-002",
                    "Minnan Pumps Ltd.", 60, 8, OffsetDateTime.now(ZoneOffset.UTC).plusHours(8), true)))),
                    "jinjiang-dispatcher-02", OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.RESERVE_CALLED_OFF, callOff(CallOffNotice.Status.CALLED_OFF)),
            Map.entry(EventType.RESERVE_CALL_OFF_DELIVERED, callOff(CallOffNotice.Status.DELIVERED)),
            Map.entry(EventType.RESERVE_STOCK_CHANGED, new StockLevels(UUID.randomUUID(), "WH-SHENHU",
                    "Shenhu Town Reserve Warehouse", StockLevels.Level.TOWN, "350582107000",
                    new GeoPoint(24.64, 118.67), 42, List.of(new StockLevels.Item("SANDBAG", 5200, 3000, 2200)),
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.RESERVE_STOCK_LOW, new StockLow(UUID.randomUUID(), "WH-SHENHU", "350582107000",
                    "PUMP-SUB", 2, 4, OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.RESERVE_EXPIRY_APPROACHING, new ExpiryApproaching(UUID.randomUUID(),
                    UUID.randomUUID(), "WH-SHENHU", "INSTANT-NOODLES", 120, java.time.LocalDate.now().plusDays(17),
                    17, OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.BROADCAST_ACK, new BroadcastAck(UUID.randomUUID(), "W.1",
                    BroadcastAck.Channel.CELL_BROADCAST, null, "350582107000", BroadcastAck.Outcome.PLAYED, 52000,
                    OffsetDateTime.now(ZoneOffset.UTC))),
            Map.entry(EventType.SHELTER_LISTED, shelter(ShelterNotice.Status.CLOSED, null, 0, null, null, 1)),
            Map.entry(EventType.SHELTER_OPENED, shelter(ShelterNotice.Status.OPEN, INCIDENT, 0, null, null, 2)),
            Map.entry(EventType.SHELTER_OCCUPANCY_CHANGED, shelter(ShelterNotice.Status.OPEN, INCIDENT, 340, 350, 10,
                    3)),
            Map.entry(EventType.SHELTER_CLOSED, shelter(ShelterNotice.Status.CLOSED, INCIDENT, 0, null, null, 4)));

    private static ShelterNotice shelter(ShelterNotice.Status status, UUID incident, int occupancy, Integer arrived,
            Integer left, long version) {
        return new ShelterNotice(UUID.randomUUID(), "LC-EQ-01", "Licheng Central Park earthquake shelter",
                ShelterKind.EARTHQUAKE_SHELTER, "350502003000", new GeoPoint(24.9084, 118.5851), 12000, occupancy,
                status, incident, incident == null ? null : UUID.randomUUID(), null, arrived, left, version,
                "licheng-commander-01", OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static WarningNotice warning(WarningNotice.Status status, String capIdentifier) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new WarningNotice(UUID.randomUUID(), INCIDENT, Hazard.TYPHOON, WarningLevel.ORANGE, WarningMode.ACTUAL,
                "晋江市台风橙色预警", "沿海人员立即撤离", List.of("350582100000"), now, now.plusDays(1), status,
                capIdentifier, null, "jinjiang-commander-01", now);
    }

    private static TransferProgress transferProgress(String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new TransferProgress(UUID.randomUUID(), UUID.randomUUID(), INCIDENT, "350582107001", "350582107000",
                420, 300, 115, 5, 60, List.of("SH-JJ-SHENHU-01"), now.plusHours(2), null, by, now);
    }

    private static AllocationNotice allocation(AllocationNotice.Status status, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new AllocationNotice(INCIDENT, "350582", UUID.randomUUID(), status, new GeoPoint(24.64, 118.67),
                now.plusHours(9),
                List.of(new AllocationNotice.Line("SANDBAG", 3000, 3000)),
                List.of(new AllocationNotice.Pick("SANDBAG", UUID.randomUUID(), "WH-SHENHU", "350582", UUID.randomUUID(), 3000,
                        1.2, now.plusHours(1), true)), reason, "jinjiang-dispatcher-02", now);
    }

    private static MutualAidNotice mutualAid(MutualAidNotice.Status status, String note) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new MutualAidNotice(UUID.randomUUID(), INCIDENT, "350502", "350582",
                List.of(new MutualAidNotice.Line(UnitType.FIRE_ENGINE, 2), new MutualAidNotice.Line(UnitType.AMBULANCE, 1)),
                "Warehouse fire in Changtai: both Changtai engines committed", now.plusMinutes(20), status,
                "jinjiang-commander-01", now, note);
    }

    private static StockAidNotice stockAid(MutualAidNotice.Status status, String note) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new StockAidNotice(UUID.randomUUID(), INCIDENT, "350502", "350582",
                List.of(new StockAidNotice.Line("TENT-12", 200), new StockAidNotice.Line("QUILT", 500)),
                "Haibin's shelters short of tents and quilts", now.plusMinutes(20), status, "jinjiang-commander-01",
                now, note);
    }

    private static CallOffNotice callOff(CallOffNotice.Status status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new CallOffNotice(INCIDENT, UUID.randomUUID(), UUID.randomUUID(), "AG-2026-002", "Minnan Pumps Ltd.",
                "PUMP-SUB", 6, status, now.plusHours(8), "jinjiang-dispatcher-02", now);
    }

    private static IncidentReport report(IncidentReport.Kind kind, int sequence) {
        return new IncidentReport(INCIDENT, UUID.randomUUID(), sequence, kind, OffsetDateTime.now(ZoneOffset.UTC),
                "cizao-duty-02", new IncidentReported.Casualties(3, 4, 7, 1), new BigDecimal("1200000.50"), 120, 0,
                "Leak contained; 120 residents moved to Cizao school", null, Grade.III);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void javaTypeSerialisesToJsonItsSchemaAccepts(EventType type) {
        Object data = SAMPLES.get(type);
        assertTrue(type.dataClass().isInstance(data), "a sample of every event type is needed here: " + type);
        EventEnvelope event = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), Topics.owner(type.topic()),
                type.type(), INCIDENT.toString(), OffsetDateTime.now(ZoneOffset.UTC), EventEnvelope.JSON,
                type.dataschema(), MAPPER.valueToTree(data));

        JsonNode json = MAPPER.valueToTree(event);

        assertEquals(List.of(), VALIDATOR.problems(type.schemaPath(), json));
    }

    /** The sample above is another channel's report; a loudspeaker's, with no channel named, holds too. */
    @Test
    void aLoudspeakersReportSerialisesToJsonItsSchemaAccepts() {
        for (BroadcastAck ack : List.of(new BroadcastAck(UUID.randomUUID(), "W.1",
                        BroadcastAck.Channel.LOUDSPEAKER, "T-350582107201-1", null, BroadcastAck.Outcome.PLAYED, null,
                        OffsetDateTime.now(ZoneOffset.UTC)),
                new BroadcastAck(UUID.randomUUID(), "W.1", null, "T-350582107201-1", null,
                        BroadcastAck.Outcome.FAILED, null, OffsetDateTime.now(ZoneOffset.UTC)))) {
            EventEnvelope event = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
                    Topics.owner(Topics.BROADCAST_ACKS), EventType.BROADCAST_ACK.type(), INCIDENT.toString(),
                    OffsetDateTime.now(ZoneOffset.UTC), EventEnvelope.JSON, EventType.BROADCAST_ACK.dataschema(),
                    MAPPER.valueToTree(ack));
            assertEquals(List.of(), VALIDATOR.problems(EventType.BROADCAST_ACK.schemaPath(),
                    MAPPER.valueToTree(event)));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaAndAValidExample(EventType type) throws IOException {
        assertTrue(Files.exists(SCHEMAS.resolve(type.schemaPath())), type.schemaPath());
        JsonNode example = MAPPER.readTree(SCHEMAS.resolve("examples/" + type.type() + ".json").toFile());

        assertEquals(List.of(), VALIDATOR.problems(type.schemaPath(), example));
        assertEquals(List.of(), VALIDATOR.problems(example), "validated by its own type");
    }

    @Test
    void invalidExamplesAreRejected() throws IOException {
        List<Path> invalid = list(SCHEMAS.resolve("examples/invalid"));
        assertFalse(invalid.isEmpty());
        for (Path file : invalid) {
            JsonNode example = MAPPER.readTree(file.toFile());
            assertFalse(VALIDATOR.problems(example).isEmpty(), file + " should break its schema");
        }
    }

    @Test
    void everySchemaBelongsToAnEventType() throws IOException {
        for (Path schema : list(SCHEMAS.resolve("events"))) {
            String type = schema.getFileName().toString().replace(".schema.json", "");
            assertTrue(EventType.of(type).isPresent(), schema + " has no EventType");
        }
    }

    /**
     * Links were published as bare ids before they carried the linked incident's area: such records stay on the
     * topics, and a replay or a rebuild must still read them (with no area, so a consumer shows them to no duty
     * officer).
     */
    @Test
    void aFirstReportWithLinksAsBareIdsIsStillAccepted() throws IOException {
        JsonNode example = MAPPER.readTree(SCHEMAS.resolve("examples/incident.reported.json").toFile());
        UUID linked = UUID.randomUUID();
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode)
                example.get("data");
        data.remove("locationOutsideArea");
        data.putArray("possibleDuplicates").add(linked.toString());

        assertEquals(List.of(), VALIDATOR.problems(example));
        IncidentReported read = MAPPER.treeToValue(data, IncidentReported.class);
        assertEquals(List.of(new DuplicateLink(linked, null, null)), read.possibleDuplicates());
        assertFalse(read.locationOutsideArea());
    }

    @Test
    void unknownTypesAreStillHeldToTheEnvelope() throws IOException {
        JsonNode example = MAPPER.readTree(SCHEMAS.resolve("examples/incident.reported.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).put("type", "incident.someday");
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).remove("subject");

        List<String> problems = VALIDATOR.problems(example);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("required property 'subject' not found"), problems.toString());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
