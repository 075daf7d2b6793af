package cn.jinjiang.emergency.shared.contract.events;


import cn.jinjiang.emergency.shared.contract.Topics;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of events: CloudEvents type, the topic it travels on, its Java payload type and its JSON Schema.
 * Adding an event means adding a schema under /schemas/events and a line here; the contract tests keep the two locked.
 */
public enum EventType {

    INCIDENT_REPORTED("incident.reported", Topics.INCIDENT_EVENTS, IncidentReported.class),
    INCIDENT_UPDATED("incident.updated", Topics.INCIDENT_EVENTS, IncidentReport.class),
    INCIDENT_REGRADED("incident.regraded", Topics.INCIDENT_EVENTS, IncidentRegraded.class),
    INCIDENT_CLOSED("incident.closed", Topics.INCIDENT_EVENTS, IncidentReport.class),
    INCIDENT_REOPENED("incident.reopened", Topics.INCIDENT_EVENTS, IncidentReopened.class),
    INCIDENT_MERGED("incident.merged", Topics.INCIDENT_EVENTS, IncidentMerged.class),
    REPORT_OVERDUE("incident.report-overdue", Topics.INCIDENT_EVENTS, ReportOverdue.class),
    DISPATCH_ASSIGNED("dispatch.assigned", Topics.DISPATCH_EVENTS, UnitAssigned.class),
    DISPATCH_RELEASED("dispatch.released", Topics.DISPATCH_EVENTS, UnitReleased.class),
    DISPATCH_SHORTFALL("dispatch.shortfall", Topics.DISPATCH_EVENTS, DispatchShortfall.class),
    DISPATCH_RELEASE_REQUESTED("dispatch.release-requested", Topics.DISPATCH_EVENTS, ReleaseRequested.class),
    DISPATCH_MUTUAL_AID_REQUESTED("dispatch.mutual-aid-requested", Topics.DISPATCH_EVENTS, MutualAidNotice.class),
    DISPATCH_MUTUAL_AID_ACCEPTED("dispatch.mutual-aid-accepted", Topics.DISPATCH_EVENTS, MutualAidNotice.class),
    DISPATCH_MUTUAL_AID_DECLINED("dispatch.mutual-aid-declined", Topics.DISPATCH_EVENTS, MutualAidNotice.class),
    DISPATCH_MUTUAL_AID_WITHDRAWN("dispatch.mutual-aid-withdrawn", Topics.DISPATCH_EVENTS, MutualAidNotice.class),
    DISPATCH_MUTUAL_AID_OVERDUE("dispatch.mutual-aid-overdue", Topics.DISPATCH_EVENTS, MutualAidNotice.class),
    UNIT_STATUS_CHANGED("unit.status-changed", Topics.DISPATCH_EVENTS, UnitStatusChanged.class),
    UNIT_LISTED("unit.listed", Topics.DISPATCH_EVENTS, UnitListed.class),
    UNIT_POSITION_CHANGED("unit.position-changed", Topics.DISPATCH_EVENTS, UnitPositionChanged.class),
    WARNING_ISSUED("warning.issued", Topics.WARNING_EVENTS, WarningNotice.class),
    WARNING_UPDATED("warning.updated", Topics.WARNING_EVENTS, WarningNotice.class),
    WARNING_CANCELLED("warning.cancelled", Topics.WARNING_EVENTS, WarningNotice.class),
    WARNING_EXPIRED("warning.expired", Topics.WARNING_EVENTS, WarningNotice.class),
    WARNING_COVERAGE_CHANGED("warning.coverage-changed", Topics.WARNING_EVENTS, CoverageChanged.class),
    WARNING_COVERAGE_SHORTFALL("warning.coverage-shortfall", Topics.WARNING_EVENTS, CoverageShortfall.class),
    WARNING_ACKNOWLEDGED("warning.acknowledged", Topics.WARNING_EVENTS, WarningAcknowledged.class),
    WARNING_ACKNOWLEDGEMENT_OVERDUE("warning.acknowledgement-overdue", Topics.WARNING_EVENTS,
            AcknowledgementOverdue.class),
    TRANSFER_ORDERED("transfer.ordered", Topics.WARNING_EVENTS, TransferOrdered.class),
    TRANSFER_PROGRESS_REPORTED("transfer.progress-reported", Topics.WARNING_EVENTS, TransferProgress.class),
    TRANSFER_OVERDUE("transfer.overdue", Topics.WARNING_EVENTS, TransferProgress.class),
    TRANSFER_CLOSED("transfer.closed", Topics.WARNING_EVENTS, TransferClosed.class),
    RESERVE_ALLOCATED("reserve.allocated", Topics.RESERVE_EVENTS, AllocationNotice.class),
    RESERVE_ALLOCATION_SHORTFALL("reserve.allocation-shortfall", Topics.RESERVE_EVENTS, AllocationShortfall.class),
    RESERVE_DISPATCHED("reserve.dispatched", Topics.RESERVE_EVENTS, AllocationNotice.class),
    RESERVE_DELIVERED("reserve.delivered", Topics.RESERVE_EVENTS, AllocationNotice.class),
    RESERVE_RELEASED("reserve.released", Topics.RESERVE_EVENTS, AllocationNotice.class),
    RESERVE_CALLED_OFF("reserve.called-off", Topics.RESERVE_EVENTS, CallOffNotice.class),
    RESERVE_CALL_OFF_DELIVERED("reserve.call-off-delivered", Topics.RESERVE_EVENTS, CallOffNotice.class),
    RESERVE_STOCK_CHANGED("reserve.stock-changed", Topics.RESERVE_EVENTS, StockLevels.class),
    RESERVE_STOCK_LOW("reserve.stock-low", Topics.RESERVE_EVENTS, StockLow.class),
    RESERVE_MUTUAL_AID_REQUESTED("reserve.mutual-aid-requested", Topics.RESERVE_EVENTS, StockAidNotice.class),
    RESERVE_MUTUAL_AID_ACCEPTED("reserve.mutual-aid-accepted", Topics.RESERVE_EVENTS, StockAidNotice.class),
    RESERVE_MUTUAL_AID_DECLINED("reserve.mutual-aid-declined", Topics.RESERVE_EVENTS, StockAidNotice.class),
    RESERVE_MUTUAL_AID_WITHDRAWN("reserve.mutual-aid-withdrawn", Topics.RESERVE_EVENTS, StockAidNotice.class),
    RESERVE_MUTUAL_AID_OVERDUE("reserve.mutual-aid-overdue", Topics.RESERVE_EVENTS, StockAidNotice.class),
    RESERVE_EXPIRY_APPROACHING("reserve.expiry-approaching", Topics.RESERVE_EVENTS, ExpiryApproaching.class),
    SHELTER_LISTED("shelter.listed", Topics.RESERVE_EVENTS, ShelterNotice.class),
    SHELTER_OPENED("shelter.opened", Topics.RESERVE_EVENTS, ShelterNotice.class),
    SHELTER_OCCUPANCY_CHANGED("shelter.occupancy-changed", Topics.RESERVE_EVENTS, ShelterNotice.class),
    SHELTER_CLOSED("shelter.closed", Topics.RESERVE_EVENTS, ShelterNotice.class),
    BROADCAST_ACK("broadcast.ack", Topics.BROADCAST_ACKS, BroadcastAck.class);

    /** Canonical base of the schema ids; resolved from the classpath copy of /schemas, never fetched. */
    public static final String SCHEMA_BASE = "https://emergency.jinjiang.gov.cn/schemas/";
    public static final String ENVELOPE_SCHEMA = "cloudevent-envelope.schema.json";

    private final String type;
    private final String topic;
    private final Class<?> dataClass;

    EventType(String type, String topic, Class<?> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> dataClass() {
        return dataClass;
    }

    /** Path of the schema relative to /schemas. */
    public String schemaPath() {
        return "events/" + type + ".schema.json";
    }

    public URI dataschema() {
        return URI.create(SCHEMA_BASE + schemaPath());
    }

    public static Optional<EventType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
