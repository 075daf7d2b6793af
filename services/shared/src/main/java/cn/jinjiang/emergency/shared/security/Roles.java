package cn.jinjiang.emergency.shared.security;

import java.util.List;

/** Roles carried in the JWT {@code groups} claim. */
public final class Roles {

    /** Town/street duty officer; the token's {@link #AREA_CLAIM} names the area they report for. */
    public static final String DUTY_OFFICER = "duty-officer";
    public static final String DISPATCHER = "dispatcher";
    public static final String COMMANDER = "commander";
    public static final String WAREHOUSE_KEEPER = "warehouse-keeper";
    /** The emergency broadcast platform, a machine client. */
    public static final String BROADCAST_SYSTEM = "broadcast-system";
    /** A rescue unit's own terminal; the token's {@link #UNIT_CLAIM} names the unit. */
    public static final String RESCUE_UNIT = "rescue-unit";
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";

    /** Every role the access policy knows. */
    public static final List<String> ALL = List.of(DUTY_OFFICER, DISPATCHER, COMMANDER,
            WAREHOUSE_KEEPER, BROADCAST_SYSTEM, RESCUE_UNIT, VIEWER, ADMIN);

    /** JWT claim with the 12-digit administrative code a duty officer is responsible for. */
    public static final String AREA_CLAIM = "area_code";

    /**
     * JWT claim with the jurisdiction a command-centre token acts in: the six digits of a county bureau (350582
     * Jinjiang, 350502 Licheng), or of the prefecture above both (350500 Quanzhou), whose staff see both.
     */
    public static final String JURISDICTION_CLAIM = "jurisdiction";

    /** The command centre's roles: their tokens must name a jurisdiction, and they act within it only. */
    public static final List<String> COMMAND_CENTRE = List.of(DISPATCHER, COMMANDER, WAREHOUSE_KEEPER, VIEWER);

    /** JWT claim with the call sign of the unit a rescue unit's terminal reports for. */
    public static final String UNIT_CLAIM = "unit";

    private Roles() {
    }
}
