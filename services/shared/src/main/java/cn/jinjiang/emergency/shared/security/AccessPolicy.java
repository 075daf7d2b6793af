package cn.jinjiang.emergency.shared.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what, for every service: each endpoint names one permission ({@code @PermissionsAllowed}), and this table
 * alone says which roles hold it. (Permission names have no colon: Quarkus would read one as name:action.) A duty officer's permissions are further bounded to their area and everything below
 * it ({@link Caller#mayAccess}), for reading, reporting and live screens alike.
 */
public final class AccessPolicy {

    /** Report an incident: first, follow-up and final reports (首报、续报、终报). */
    public static final String REPORT_INCIDENTS = "report-incidents";
    /** Decide on an incident: set or clear its response level, re-open it after its final report. */
    public static final String DECIDE_INCIDENTS = "decide-incidents";
    /** Read incidents, over the API or on a live screen. */
    public static final String READ_INCIDENTS = "read-incidents";
    /** Read reference data such as administrative areas. */
    public static final String READ_REFERENCE = "read-reference";
    /** Read the warnings issued for an incident. */
    public static final String READ_WARNINGS = "read-warnings";
    /** Read the materials allocated to an incident. */
    public static final String READ_ALLOCATIONS = "read-allocations";

    /** Read the reserves: items, warehouses, stock, lots, the ledger, rotation and agreement reserves. */
    public static final String READ_RESERVES = "read-reserves";
    /** Move stock in a warehouse: receipts (donations among them), issues, adjustments, write-offs, transfers. */
    public static final String MOVE_STOCK = "move-stock";
    /** Allocate materials to an incident, cancel an allocation, call off an agreement reserve. */
    public static final String ALLOCATE_MATERIALS = "allocate-materials";
    /** Record an allocation's journey: dispatched from the warehouse, delivered, returned. */
    public static final String SHIP_MATERIALS = "ship-materials";
    /** Read the public account of donations (totals by item and warehouse; no donor, nothing typed as free text). */
    public static final String READ_DONATION_SUMMARY = "read-donation-summary";
    /** Read shelters (避难场所), their capacity and occupancy. */
    public static final String READ_SHELTERS = "read-shelters";
    /** Open a shelter for an incident and close it. */
    public static final String MANAGE_SHELTERS = "manage-shelters";
    /** Report people arriving at and leaving a shelter (a duty officer only in their own area). */
    public static final String REPORT_OCCUPANCY = "report-occupancy";

    /** Read rescue units, stations and response plans. */
    public static final String READ_UNITS = "read-units";
    /** Add rescue units to the registry and change their standing data. */
    public static final String MANAGE_UNITS = "manage-units";
    /** Send rescue units to incidents, release and reassign them. */
    public static final String DISPATCH_UNITS = "dispatch-units";
    /**
     * Answer another bureau's request for units or stock (mutual aid): accept or decline it, for one's own
     * jurisdiction's (the prefecture's commanders for either). Asking for and withdrawing one is
     * {@link #DISPATCH_UNITS} for units, {@link #ALLOCATE_MATERIALS} for stock.
     */
    public static final String ANSWER_MUTUAL_AID = "answer-mutual-aid";
    /** Report a unit's position and status: the unit itself, or the command centre on its behalf (by radio). */
    public static final String REPORT_UNIT_STATUS = "report-unit-status";

    /** Draft warnings, and change or cancel them while they are drafts. */
    public static final String DRAFT_WARNINGS = "draft-warnings";
    /** Approve (issue), change or cancel issued warnings: each issues a signed CAP message. */
    public static final String APPROVE_WARNINGS = "approve-warnings";

    /**
     * Acknowledge a warning that reaches one's area (叫应): a duty officer, for their own area. Reading warnings is
     * {@link #READ_WARNINGS}, which duty officers hold for the warnings reaching their area.
     */
    public static final String ACKNOWLEDGE_WARNINGS = "acknowledge-warnings";

    /** Order people moved out of areas a warning covers (转移), and close the transfer: a commander. */
    public static final String ORDER_TRANSFERS = "order-transfers";
    /**
     * Report how a transfer stands in an area: its duty officer (their own area and below), or the command centre
     * on their behalf. Reading transfers is {@link #READ_WARNINGS}, as for their warning.
     */
    public static final String REPORT_TRANSFERS = "report-transfers";

    /** Report terminals' playback of warnings: the broadcast platform. */
    public static final String REPORT_BROADCAST = "report-broadcast";

    private static final Map<String, Set<String>> GRANTS = grants();

    private AccessPolicy() {
    }

    private static Map<String, Set<String>> grants() {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        grants.put(Roles.DUTY_OFFICER, Set.of(REPORT_INCIDENTS, READ_INCIDENTS, READ_REFERENCE, READ_SHELTERS,
                REPORT_OCCUPANCY, READ_DONATION_SUMMARY, READ_WARNINGS, ACKNOWLEDGE_WARNINGS, REPORT_TRANSFERS));
        grants.put(Roles.DISPATCHER, Set.of(REPORT_INCIDENTS, READ_INCIDENTS, READ_REFERENCE, READ_WARNINGS,
                READ_ALLOCATIONS, READ_UNITS, DISPATCH_UNITS, REPORT_UNIT_STATUS, DRAFT_WARNINGS, READ_RESERVES,
                ALLOCATE_MATERIALS, SHIP_MATERIALS, READ_SHELTERS, MANAGE_SHELTERS, REPORT_OCCUPANCY,
                READ_DONATION_SUMMARY, REPORT_TRANSFERS));
        grants.put(Roles.COMMANDER, Set.of(REPORT_INCIDENTS, DECIDE_INCIDENTS, READ_INCIDENTS, READ_REFERENCE,
                READ_WARNINGS, READ_ALLOCATIONS, READ_UNITS, DISPATCH_UNITS, ANSWER_MUTUAL_AID, REPORT_UNIT_STATUS,
                DRAFT_WARNINGS, APPROVE_WARNINGS, READ_RESERVES, ALLOCATE_MATERIALS, SHIP_MATERIALS, READ_SHELTERS,
                MANAGE_SHELTERS, REPORT_OCCUPANCY, READ_DONATION_SUMMARY, ORDER_TRANSFERS, REPORT_TRANSFERS));
        grants.put(Roles.VIEWER, Set.of(READ_INCIDENTS, READ_REFERENCE, READ_WARNINGS, READ_ALLOCATIONS, READ_UNITS,
                READ_RESERVES, READ_SHELTERS, READ_DONATION_SUMMARY));
        grants.put(Roles.ADMIN, Set.of(READ_INCIDENTS, READ_REFERENCE, READ_WARNINGS, READ_ALLOCATIONS, READ_UNITS,
                MANAGE_UNITS, READ_RESERVES, READ_SHELTERS, READ_DONATION_SUMMARY));
        grants.put(Roles.WAREHOUSE_KEEPER, Set.of(READ_REFERENCE, READ_ALLOCATIONS, READ_RESERVES, MOVE_STOCK,
                SHIP_MATERIALS, READ_SHELTERS, READ_DONATION_SUMMARY));
        grants.put(Roles.BROADCAST_SYSTEM, Set.of(READ_REFERENCE, READ_WARNINGS, REPORT_BROADCAST,
                READ_DONATION_SUMMARY));
        // Bounded further to the one unit its token names (Roles.UNIT_CLAIM), by resource-dispatch.
        grants.put(Roles.RESCUE_UNIT, Set.of(READ_REFERENCE, REPORT_UNIT_STATUS, READ_DONATION_SUMMARY));
        return Map.copyOf(grants);
    }

    /** The permissions a caller with these roles holds; unknown roles grant nothing. */
    public static Set<String> permissionsOf(Collection<String> roles) {
        Set<String> permissions = new TreeSet<>();
        roles.forEach(role -> permissions.addAll(GRANTS.getOrDefault(role, Set.of())));
        return permissions;
    }

    /** The roles that hold a permission, for documentation and the access matrix tests. */
    public static Set<String> rolesWith(String permission) {
        Set<String> roles = new TreeSet<>();
        GRANTS.forEach((role, permissions) -> {
            if (permissions.contains(permission)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** Roles whose holders see every area: the command centre's. */
    static boolean seesEveryArea(Collection<String> roles) {
        return roles.contains(Roles.DISPATCHER) || roles.contains(Roles.COMMANDER) || roles.contains(Roles.VIEWER)
                || roles.contains(Roles.ADMIN);
    }
}
