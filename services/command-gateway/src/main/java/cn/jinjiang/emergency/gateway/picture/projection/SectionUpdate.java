package cn.jinjiang.emergency.gateway.picture.projection;

import cn.jinjiang.emergency.shared.contract.EventEnvelope;

/** What one event type does to the sections its topic owns, writing through the items it touches. */
@FunctionalInterface
interface SectionUpdate {

    void apply(TouchedItems touched, EventEnvelope event);
}
