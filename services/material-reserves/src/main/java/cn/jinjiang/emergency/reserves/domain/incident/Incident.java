package cn.jinjiang.emergency.reserves.domain.incident;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An incident as material-reserves knows it from incident-events. */
@Entity
@Table(name = "incident")
public class Incident extends IncidentProjection {
}
