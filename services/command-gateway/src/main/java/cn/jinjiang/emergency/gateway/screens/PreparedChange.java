package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A change written to JSON once, item by item, however many screens it goes to: each screen's message only adds its
 * own sequence number and position around the items it may see. An item a duty officer is shown narrowed (links to
 * incidents outside their area left out) is written once more per scope that needs it.
 */
public final class PreparedChange {

    private final PictureChange change;
    /** Its place in the order the picture took changes in ({@code PictureListener}); 0 for one read back from the log. */
    private final long number;
    private final String[] items;
    private final String head;
    private final ObjectMapper mapper;
    /**
     * An item as the viewers of one scope see it, when that differs from the item itself (an incident linked to an
     * incident outside a duty officer's area), by item index and scope: written once per scope, not per screen.
     */
    private final Map<String, String> narrowed = new ConcurrentHashMap<>();
    /**
     * The last position moved past this change, and where it moved to. Screens that joined at one snapshot hold the
     * very same position object, so the hundreds of screens handed this change mostly ask for the same step: it is
     * made once and each of them then holds the same result (and its token, written once), instead of a map and a
     * token per screen.
     */
    private volatile Step lastStep;

    private record Step(Position from, Position to) {
    }

    PreparedChange(PictureChange change, ObjectMapper mapper) {
        this(change, 0, mapper);
    }

    PreparedChange(PictureChange change, long number, ObjectMapper mapper) {
        this.change = change;
        this.number = number;
        this.mapper = mapper;
        this.items = new String[change.items().size()];
        try {
            for (int i = 0; i < items.length; i++) {
                PictureItem item = change.items().get(i);
                items[i] = mapper.writeValueAsString(item.kind().field()) + ":" + item.json();
            }
            // A removal (an incident expired) comes from no event and no record: it says only when.
            head = "{\"kind\":" + mapper.writeValueAsString(change.eventType())
                    + (change.source() == null ? "" : ",\"eventId\":\"" + change.eventId() + "\"")
                    + ",\"time\":" + mapper.writeValueAsString(change.eventTime())
                    + (change.source() == null ? "" : ",\"source\":\"" + change.source() + "\"");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Source source() {
        return change.source();
    }

    public PictureChange change() {
        return change;
    }

    long number() {
        return number;
    }

    /** {@code from} with this change reflected (see {@link Position#after}). */
    Position positionAfter(Position from) {
        Step step = lastStep;
        if (step != null && step.from() == from) {
            return step.to();
        }
        Position to = from.after(change.source());
        lastStep = new Step(from, to);
        return to;
    }

    /** The message for a screen with {@code filter}, or null when it may see none of the change's items. */
    String messageFor(ScreenFilter filter, long seq, Position position) {
        StringBuilder message = null;
        for (int i = 0; i < items.length; i++) {
            if (filter.shows(change.items().get(i))) {
                if (message == null) {
                    message = new StringBuilder(head.length() + 256).append(head).append(",\"seq\":").append(seq)
                            .append(",\"position\":\"").append(position.token()).append('"');
                }
                message.append(',').append(item(i, filter));
            }
        }
        return message == null ? null : message.append('}').toString();
    }

    private String item(int i, ScreenFilter filter) {
        PictureItem item = change.items().get(i);
        if (!filter.narrows(item)) {
            return items[i];
        }
        return narrowed.computeIfAbsent(i + "@" + filter.scope(), key -> {
            try {
                return mapper.writeValueAsString(item.kind().field()) + ":"
                        + mapper.writeValueAsString(filter.body(item));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
