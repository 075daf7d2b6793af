package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.dispatch.domain.unit.Unit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Holds an incident's open assignments against its run card. */
@ApplicationScoped
public class ResponsePlans {

    private final RunCards runCards;

    public ResponsePlans(RunCards runCards) {
        this.runCards = runCards;
    }

    /** The plan as it stands, with the units it is met by. Runs in the caller's session. */
    public Uni<PlanStatus> statusOf(Incident incident) {
        return Assignment.openOf(incident.id).flatMap(open -> unitsOf(open)
                .flatMap(units -> runCards.card(incident.type, incident.grade).map(card -> PlanStatus.of(
                        incident.type, incident.grade, card,
                        open.stream().map(a -> units.get(a.unitId).capabilities()).toList()))));
    }

    public static Uni<Map<UUID, Unit>> unitsOf(List<Assignment> assignments) {
        if (assignments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<UUID> ids = assignments.stream().map(a -> a.unitId).collect(Collectors.toSet());
        return Unit.<Unit>list("id in ?1", ids)
                .map(units -> units.stream().collect(Collectors.toMap(unit -> unit.id, Function.identity())));
    }
}
