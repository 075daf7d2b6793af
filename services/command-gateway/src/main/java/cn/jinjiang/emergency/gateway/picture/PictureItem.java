package cn.jinjiang.emergency.gateway.picture;

import cn.jinjiang.emergency.shared.contract.Grade;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing on the picture as it stands: an incident with everything linked to it, a unit, a warning, a warehouse or
 * a shelter. Besides its body it carries what screens are filtered by.
 * <p>
 * An item is never changed once made (a change makes a new one), so its JSON is written once, when first asked for,
 * and every message and snapshot that carries the item reuses it: writing the trees again for each join was most of
 * what a snapshot of thousands of incidents cost. It is stored in the change log as the record it was: its six fields.
 *
 * @param incidentId the incident it belongs to (itself for an incident), or null
 * @param areaCodes  the areas it lies in or targets; empty when it has none (a unit not yet listed by the registry)
 * @param grade      the grade of its incident, or null
 */
public final class PictureItem {

    private final ItemKind kind;
    private final String id;
    private final UUID incidentId;
    private final List<String> areaCodes;
    private final Grade grade;
    private final ObjectNode body;
    /** Its body as JSON, written on first use; a race writes the same text twice, harmlessly. */
    private volatile String json;

    @JsonCreator
    public PictureItem(@JsonProperty("kind") ItemKind kind, @JsonProperty("id") String id,
                       @JsonProperty("incidentId") UUID incidentId, @JsonProperty("areaCodes") List<String> areaCodes,
                       @JsonProperty("grade") Grade grade, @JsonProperty("body") ObjectNode body) {
        this.kind = kind;
        this.id = id;
        this.incidentId = incidentId;
        this.areaCodes = areaCodes;
        this.grade = grade;
        this.body = body;
    }

    @JsonProperty
    public ItemKind kind() {
        return kind;
    }

    @JsonProperty
    public String id() {
        return id;
    }

    @JsonProperty
    public UUID incidentId() {
        return incidentId;
    }

    @JsonProperty
    public List<String> areaCodes() {
        return areaCodes;
    }

    @JsonProperty
    public Grade grade() {
        return grade;
    }

    @JsonProperty
    public ObjectNode body() {
        return body;
    }

    /** The body as JSON (Jackson's own writer, as the service's mapper writes a tree). */
    @JsonIgnore
    public String json() {
        String written = json;
        if (written == null) {
            written = body.toString();
            json = written;
        }
        return written;
    }

    /**
     * Whether this is the item leaving the picture: a change carries it as its id (and incident) marked
     * {@code removed}, and whoever keeps items drops it.
     */
    @JsonIgnore
    public boolean removed() {
        return body.path(PictureRetention.REMOVED).asBoolean(false);
    }

    @JsonIgnore
    public String key() {
        return key(kind, id);
    }

    public static String key(ItemKind kind, String id) {
        return kind.field() + ":" + id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PictureItem item && kind == item.kind && id.equals(item.id)
                && Objects.equals(incidentId, item.incidentId) && Objects.equals(areaCodes, item.areaCodes)
                && grade == item.grade && body.equals(item.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, incidentId, areaCodes, grade, body);
    }

    @Override
    public String toString() {
        return "PictureItem[" + key() + "]";
    }
}
