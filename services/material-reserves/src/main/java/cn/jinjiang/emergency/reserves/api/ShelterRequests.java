package cn.jinjiang.emergency.reserves.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The bodies of the shelter requests. */
public final class ShelterRequests {

    /** Far above any shelter's capacity: a larger count is a typing slip. */
    static final int MAX_PEOPLE = 100_000;

    private ShelterRequests() {
    }

    /** What the shelter opens for: one of an incident, an issued warning, or a transfer ordered on one. */
    public record Open(UUID incidentId, UUID warningId, UUID transferId, @Size(max = 1000) String note) {
    }

    /**
     * People who arrived and people who left since the last report; either may be omitted (0), not both. The counts
     * are differences, not the total inside: two officers at two gates report independently.
     */
    public record Occupancy(@Min(0) @Max(MAX_PEOPLE) Integer arrived, @Min(0) @Max(MAX_PEOPLE) Integer left,
                            @Size(max = 1000) String note) {
    }

    public record Close(@Size(max = 1000) String note) {
    }
}
