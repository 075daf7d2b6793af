package cn.jinjiang.emergency.gateway.picture;

import java.util.Locale;

/** What a picture item is; also the field a change carries it in, and (plural) the snapshot's list of them. */
public enum ItemKind {
    INCIDENT, UNIT, WARNING, WAREHOUSE, SHELTER, ALLOCATION;

    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String listField() {
        return field() + "s";
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
