package cn.jinjiang.emergency.gateway.picture;

/** What a picture item is; also the field a change carries it in, and (plural) the snapshot's list of them. */
public enum ItemKind {
    INCIDENT("incident"), UNIT("unit"), WARNING("warning"), WAREHOUSE("warehouse"), SHELTER("shelter"),
    ALLOCATION("allocation"),
    /** A request for another bureau's units or stock: seen by both bureaus' screens. */
    MUTUAL_AID("mutualAid");

    private final String field;

    ItemKind(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String listField() {
        return field + "s";
    }

    /** Whether items of this kind belong to one incident and leave the picture with it. */
    public boolean goesWithIncident() {
        return this == ALLOCATION || this == MUTUAL_AID;
    }

    public static ItemKind of(String field) {
        for (ItemKind kind : values()) {
            if (kind.field().equals(field) || kind.listField().equals(field)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no such kind: " + field);
    }
}
