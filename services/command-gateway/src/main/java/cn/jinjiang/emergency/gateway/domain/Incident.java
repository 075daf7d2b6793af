package cn.jinjiang.emergency.gateway.domain;

import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An incident as command-gateway knows it from incident-events. */
@Entity
@Table(name = "incident")
public class Incident extends IncidentProjection {
}
