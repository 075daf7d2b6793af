package cn.jinjiang.emergency.intake.domain.grading;

import cn.jinjiang.emergency.shared.contract.IncidentType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incident type of the closed list, with its category and names: reference data, db/reference/incident-types.csv. */
@Entity
@Table(name = "incident_type")
public class IncidentTypeDefinition extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public IncidentType code;

    @Enumerated(EnumType.STRING)
    public IncidentCategory category;

    public String name;

    @Column(name = "name_zh")
    public String nameZh;

    public int position;
}
