package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.gateway.config.GatewayConfig;
import cn.jinjiang.emergency.gateway.picture.ItemKind;
import cn.jinjiang.emergency.gateway.picture.PictureItem;
import cn.jinjiang.emergency.gateway.picture.Projection;
import cn.jinjiang.emergency.shared.contract.EventEnvelope;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Routes each event to the sections of the topic it travels on; what the event does is the section's.
 * <p>
 * Each topic owns its own sections of an incident (incident-events its state and report chain, dispatch-events its
 * assignments and units, warning-events its warnings, reserve-events its allocations and shelters), so it does not
 * matter in which order an instance interleaves the topics: an assignment may even arrive before its incident's first
 * report, which only fills the report's section later. A unit's events can travel under different keys, so its
 * {@code unitVersion} decides; a shelter's under its incident or its own id, so its {@code version} (else its event time) decides.
 * <p>
 * Events are read by their JSON fields, not the contract's records, so that fields and types added to the contract
 * later (the shelters' events) are shown as soon as they appear; types it does not know touch nothing.
 */
@ApplicationScoped
public class PictureProjector implements Projection {

    private static final Map<String, SectionUpdate> BY_TYPE = byType(IncidentSection.UPDATES,
            DispatchSection.UPDATES, WarningSection.UPDATES, TransferSection.UPDATES, ReserveSection.UPDATES,
            ShelterSection.UPDATES, MutualAidSection.UPDATES);

    private final IncidentBounds bounds;

    public PictureProjector(GatewayConfig config) {
        this.bounds = new IncidentBounds(config.incident().recentReports(), config.incident().maxItemBytes());
    }

    @Override
    public List<PictureItem> apply(EventEnvelope event, Function<String, ObjectNode> current,
                                   Predicate<UUID> expired) {
        TouchedItems touched = new TouchedItems(current, expired);
        SectionUpdate update = BY_TYPE.get(event.type());
        // No update: not shown on the picture (broadcast acks, or a type newer than this gateway).
        if (update != null) {
            update.apply(touched, event);
            MutualAidSection.summarise(touched);
        }
        touched.incidents().forEach(bounds::bound);
        return touched.items();
    }

    @Override
    public PictureItem bounded(PictureItem item) {
        if (item.kind() != ItemKind.INCIDENT) {
            return item;
        }
        ObjectNode body = item.body().deepCopy();
        return bounds.bound(body) || !body.equals(item.body())
                ? new PictureItem(item.kind(), item.id(), item.incidentId(), item.areaCodes(), item.grade(), body)
                : item;
    }

    @SafeVarargs
    private static Map<String, SectionUpdate> byType(Map<String, SectionUpdate>... sections) {
        Map<String, SectionUpdate> all = new HashMap<>();
        for (Map<String, SectionUpdate> section : sections) {
            section.forEach((type, update) -> {
                if (all.putIfAbsent(type, update) != null) {
                    throw new IllegalStateException(type + " is projected by two sections");
                }
            });
        }
        return Map.copyOf(all);
    }
}
