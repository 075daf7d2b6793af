package cn.jinjiang.emergency.dispatch.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The bodies of the dispatcher's requests. */
public final class DispatchRequests {

    private DispatchRequests() {
    }

    /** Send these units to the incident: all of them, or none if any is no longer available. */
    public record Assign(@NotEmpty @Size(max = 100) List<@NotNull UUID> unitIds) {
    }

    public record Release(@NotBlank @Size(max = 1000) String reason) {
    }

    public record Reassign(@NotNull UUID toIncidentId, @NotBlank @Size(max = 1000) String reason) {
    }
}
