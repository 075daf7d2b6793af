package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An incident as warning-broadcast knows it from incident-events. */
@Entity
@Table(name = "incident")
public class Incident extends IncidentProjection {
}
