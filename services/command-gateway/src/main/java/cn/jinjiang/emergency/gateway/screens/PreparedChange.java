package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.picture.PictureChange;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.Position;
import cn.jinjiang.emergency.gateway.picture.Source;
import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A change written to JSON once, item by item, however many screens it goes to: each screen's message only adds its
 * own sequence number and position around the items it may see.
 */
public final class PreparedChange {

    private final PictureChange change;
    private final String[] items;
    private final String head;

    PreparedChange(PictureChange change, ObjectMapper mapper) {
        this.change = change;
        this.items = new String[change.items().size()];
        try {
            for (int i = 0; i < items.length; i++) {
                PictureItem item = change.items().get(i);
                items[i] = mapper.writeValueAsString(item.kind().field()) + ":" + mapper.writeValueAsString(item.body());
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

    /** The message for a screen with {@code filter}, or null when it may see none of the change's items. */
    String messageFor(ScreenFilter filter, long seq, Position position) {
        StringBuilder message = null;
        for (int i = 0; i < items.length; i++) {
            if (filter.shows(change.items().get(i))) {
                if (message == null) {
                    message = new StringBuilder(head.length() + 256).append(head).append(",\"seq\":").append(seq)
                            .append(",\"position\":\"").append(position.token()).append('"');
                }
                message.append(',').append(items[i]);
            }
        }
        return message == null ? null : message.append('}').toString();
    }
}
