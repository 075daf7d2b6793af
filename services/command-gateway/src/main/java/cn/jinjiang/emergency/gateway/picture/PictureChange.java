package cn.jinjiang.emergency.gateway.picture;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What one event did to the picture: the items it touched, each as it now stands in full (a screen replaces its copy,
 * it never patches), and the record it came from.
 */
public record PictureChange(Source source, UUID eventId, String eventType, OffsetDateTime eventTime,
                            List<PictureItem> items) {
}
