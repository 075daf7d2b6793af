package cn.jinjiang.emergency.reserves.domain.shelter;

import cn.jinjiang.emergency.reserves.domain.incident.Incident;
import cn.jinjiang.emergency.reserves.domain.warning.Transfer;
import cn.jinjiang.emergency.reserves.domain.warning.Warning;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.projection.IncidentProjection;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/**
 * What a shelter is opened for, checked against what this service knows from the topics: an open incident, an issued
 * warning in force, or an open transfer (which names its warning, and the incident the warning is about if any).
 * Each is share-locked, so that its end arriving from the topics meanwhile waits for the opening rather than crossing
 * it. Unknown here: 400 naming the field; ended: 409.
 */
record ShelterPurpose(UUID incidentId, UUID warningId, UUID transferId) {

    static Uni<ShelterPurpose> of(Sheltering.OpenFor asked) {
        if (asked.incidentId() != null) {
            return incident(asked.incidentId());
        }
        return asked.warningId() != null ? warning(asked.warningId()) : transfer(asked.transferId());
    }

    /** What an open shelter is open for, as a refusal says it. */
    static String describe(Shelter shelter) {
        if (shelter.transferId != null) {
            return " for transfer " + shelter.transferId;
        }
        if (shelter.warningId != null) {
            return " for warning " + shelter.warningId;
        }
        return " for incident " + shelter.incidentId;
    }

    private static Uni<ShelterPurpose> incident(UUID id) {
        return Incident.<Incident>findById(id, LockModeType.PESSIMISTIC_READ).map(incident -> {
            if (incident == null) {
                throw new InvalidFieldException("incidentId", "no incident " + id + " is known here");
            }
            if (incident.status != IncidentProjection.Status.OPEN) {
                throw new ShelterConflictException("Incident " + id + " is " + incident.status
                        + "; shelters are opened for open incidents only");
            }
            return new ShelterPurpose(id, null, null);
        });
    }

    private static Uni<ShelterPurpose> warning(UUID id) {
        return Warning.<Warning>findById(id, LockModeType.PESSIMISTIC_READ).map(warning -> {
            if (warning == null) {
                throw new InvalidFieldException("warningId", "no issued warning " + id + " is known here");
            }
            if (!warning.inForce()) {
                throw new ShelterConflictException("Warning " + id + " is " + warning.status
                        + "; shelters are opened for warnings in force");
            }
            return new ShelterPurpose(warning.incidentId, id, null);
        });
    }

    private static Uni<ShelterPurpose> transfer(UUID id) {
        return Transfer.<Transfer>findById(id, LockModeType.PESSIMISTIC_READ).map(transfer -> {
            if (transfer == null) {
                throw new InvalidFieldException("transferId", "no transfer " + id + " is known here");
            }
            if (!transfer.isOpen()) {
                throw new ShelterConflictException("Transfer " + id + " is closed; shelters are opened for open "
                        + "transfers");
            }
            return new ShelterPurpose(transfer.incidentId, transfer.warningId, id);
        });
    }
}
