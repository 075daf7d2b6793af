package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.security.AccessPolicy;
import cn.jinjiang.emergency.shared.testing.IncidentScopedListContract;
import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Map;
import java.util.UUID;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class IncidentWarningsResourceTest extends IncidentScopedListContract {

    @Override
    public Map<String, String> endpointPermissions() {
        return Map.ofEntries(
                Map.entry("GET /api/incidents/{id}/warnings", AccessPolicy.READ_WARNINGS),
                Map.entry("POST /api/incidents/{id}/warnings", AccessPolicy.DRAFT_WARNINGS),
                Map.entry("GET /api/warnings", AccessPolicy.READ_WARNINGS),
                Map.entry("POST /api/warnings", AccessPolicy.DRAFT_WARNINGS),
                Map.entry("GET /api/warnings/{id}", AccessPolicy.READ_WARNINGS),
                Map.entry("PUT /api/warnings/{id}", AccessPolicy.DRAFT_WARNINGS),
                Map.entry("POST /api/warnings/{id}/approve", AccessPolicy.APPROVE_WARNINGS),
                Map.entry("POST /api/warnings/{id}/cancel", AccessPolicy.DRAFT_WARNINGS),
                Map.entry("POST /api/warnings/{id}/change/approve", AccessPolicy.APPROVE_WARNINGS),
                Map.entry("POST /api/warnings/{id}/change/reject", AccessPolicy.APPROVE_WARNINGS),
                Map.entry("GET /api/warnings/{id}/cap", AccessPolicy.READ_WARNINGS),
                Map.entry("GET /api/warnings/{id}/coverage", AccessPolicy.READ_WARNINGS),
                Map.entry("GET /api/statistics/coverage", AccessPolicy.READ_WARNINGS),
                Map.entry("GET /api/statistics/broadcast-coverage", AccessPolicy.READ_WARNINGS),
                Map.entry("POST /api/warnings/{id}/transfers", AccessPolicy.ORDER_TRANSFERS),
                Map.entry("GET /api/warnings/{id}/transfers", AccessPolicy.READ_WARNINGS),
                Map.entry("GET /api/transfers/{id}", AccessPolicy.READ_WARNINGS),
                Map.entry("POST /api/transfers/{id}/progress", AccessPolicy.REPORT_TRANSFERS),
                Map.entry("POST /api/transfers/{id}/close", AccessPolicy.ORDER_TRANSFERS),
                Map.entry("POST /api/warnings/{id}/acknowledgements", AccessPolicy.ACKNOWLEDGE_WARNINGS),
                Map.entry("GET /api/warnings/{id}/acknowledgements", AccessPolicy.READ_WARNINGS),
                Map.entry("POST /api/broadcast/acks", AccessPolicy.REPORT_BROADCAST),
                Map.entry("GET /api/terminals", AccessPolicy.READ_REFERENCE));
    }

    @Override
    protected String path(UUID incident) {
        return "/api/incidents/" + incident + "/warnings";
    }

    @Override
    protected String readerRole() {
        return "broadcast-system";
    }

    /** Duty officers read the warnings reaching their area (AcknowledgementTest); a warehouse keeper reads none. */
    @Override
    protected String outsiderRole() {
        return "warehouse-keeper";
    }
}
