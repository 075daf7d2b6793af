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
 * A change as screens are shown it. A change the picture took in live (numbered) has one message per filter, the same
 * bytes for every screen with that filter: its number as {@code seq}, the number of the change shown to that filter
 * before it as {@code prev} ({@link FilterStream}), and the picture's position with it taken in. A change read back
 * from the log for a resuming screen has no number: its message is made for that screen, with the position the
 * screen reaches, and carries no {@code seq} (it comes before the {@code resumed} message's).
 * <p>
 * Each item is written to JSON once; an item a duty officer is shown narrowed (links to incidents outside their area
 * left out) once more per scope that needs it.
 */
public final class PreparedChange {

    /** Marks a filter shown none of the change's items. */
    private static final ScreenText NOT_SHOWN = new ScreenText("");

    private final PictureChange change;
    /** Its place in the order the picture took changes in ({@code PictureListener}); 0 for one read back from the log. */
    private final long number;
    /** The picture's position with this change taken in; null for one read back from the log. */
    private final Position position;
    private final String[] items;
    private final String head;
    private final ObjectMapper mapper;
    /** The message per filter stream, made once, by the hand-over (or by a screen joining later, without prev). */
    private final Map<FilterStream, ScreenText> messages = new ConcurrentHashMap<>(4);
    /**
     * An item as the viewers of one scope see it, when that differs from the item itself (an incident linked to an
     * incident outside a duty officer's area), by item index and scope: written once per scope, not per screen.
     */
    private final Map<String, String> narrowed = new ConcurrentHashMap<>();

    /** A change read back from the log. */
    PreparedChange(PictureChange change, ObjectMapper mapper) {
        this(change, 0, null, mapper);
    }

    PreparedChange(PictureChange change, long number, Position position, ObjectMapper mapper) {
        this.change = change;
        this.number = number;
        this.position = position;
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

    /** The picture's position with this change taken in; null for a change read back from the log. */
    Position position() {
        return position;
    }

    /**
     * Makes the stream's message, in the order changes are handed over, and says whether the stream's filter is
     * shown anything of this change (it is then the last change shown to it).
     */
    boolean prepareFor(FilterStream stream) {
        if (!shows(stream.filter())) {
            messages.putIfAbsent(stream, NOT_SHOWN);
            return false;
        }
        // Even if a joining screen made it first (without prev), the stream moves on to this change.
        long prev = stream.shown(number);
        messages.computeIfAbsent(stream, s -> live(s.filter(), prev));
        return true;
    }

    /**
     * The message for the screens of {@code stream}, or null when they are shown none of the change's items. For a
     * stream that came after the hand-over (a screen joining at a snapshot, handed the changes since) it is made now,
     * with {@code prev} 0: it claims no change before it, so it can never make a screen see a gap that is not there.
     */
    ScreenText messageFor(FilterStream stream) {
        ScreenText message = messages.computeIfAbsent(stream,
                s -> shows(s.filter()) ? live(s.filter(), 0) : NOT_SHOWN);
        return message == NOT_SHOWN ? null : message;
    }

    /** For a change read back from the log: the message for one resuming screen, at the position it reaches. */
    ScreenText replayedFor(ScreenFilter filter, Position reached) {
        if (!shows(filter)) {
            return null;
        }
        StringBuilder message = new StringBuilder(head.length() + 256).append(head)
                .append(",\"position\":\"").append(reached.token()).append('"');
        return new ScreenText(items(message, filter).append('}').toString());
    }

    private boolean shows(ScreenFilter filter) {
        for (PictureItem item : change.items()) {
            if (filter.shows(item)) {
                return true;
            }
        }
        return false;
    }

    private ScreenText live(ScreenFilter filter, long prev) {
        StringBuilder message = new StringBuilder(head.length() + 256).append(head)
                .append(",\"seq\":").append(number).append(",\"prev\":").append(prev)
                .append(",\"position\":\"").append(position.token()).append('"');
        return new ScreenText(items(message, filter).append('}').toString());
    }

    private StringBuilder items(StringBuilder message, ScreenFilter filter) {
        for (int i = 0; i < items.length; i++) {
            if (filter.shows(change.items().get(i))) {
                message.append(',').append(item(i, filter));
            }
        }
        return message;
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
