package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An incident as resource-dispatch knows it from incident-events: what units are sent to. */
@Entity
@Table(name = "incident")
public class Incident extends IncidentProjection {

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}
