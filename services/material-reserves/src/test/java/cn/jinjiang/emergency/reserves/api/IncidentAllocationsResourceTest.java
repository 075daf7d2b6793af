package cn.jinjiang.emergency.reserves.api;

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
        initArgs = @ResourceArg(name = "database", value = "material_reserves_test"))
class IncidentAllocationsResourceTest extends IncidentScopedListContract {

    @Override
    public Map<String, String> endpointPermissions() {
        return Map.ofEntries(
                Map.entry("GET /api/incidents/{id}/allocations", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("POST /api/incidents/{id}/allocations", AccessPolicy.ALLOCATE_MATERIALS),
                Map.entry("GET /api/incidents/{id}/allocations/{allocationId}", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("POST /api/incidents/{id}/allocations/{allocationId}/dispatch", AccessPolicy.SHIP_MATERIALS),
                Map.entry("POST /api/incidents/{id}/allocations/{allocationId}/deliver", AccessPolicy.SHIP_MATERIALS),
                Map.entry("POST /api/incidents/{id}/allocations/{allocationId}/return", AccessPolicy.SHIP_MATERIALS),
                Map.entry("POST /api/incidents/{id}/allocations/{allocationId}/cancel",
                        AccessPolicy.ALLOCATE_MATERIALS),
                Map.entry("GET /api/incidents/{id}/call-offs", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("POST /api/incidents/{id}/mutual-aid", AccessPolicy.ALLOCATE_MATERIALS),
                Map.entry("GET /api/incidents/{id}/mutual-aid", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("GET /api/mutual-aid", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("GET /api/mutual-aid/{requestId}", AccessPolicy.READ_ALLOCATIONS),
                Map.entry("POST /api/mutual-aid/{requestId}/accept", AccessPolicy.ANSWER_MUTUAL_AID),
                Map.entry("POST /api/mutual-aid/{requestId}/decline", AccessPolicy.ANSWER_MUTUAL_AID),
                Map.entry("POST /api/mutual-aid/{requestId}/withdraw", AccessPolicy.ALLOCATE_MATERIALS),
                Map.entry("GET /api/agreements", AccessPolicy.READ_RESERVES),
                Map.entry("POST /api/agreements/{id}/call-offs", AccessPolicy.ALLOCATE_MATERIALS),
                Map.entry("POST /api/call-offs/{id}/delivered", AccessPolicy.SHIP_MATERIALS),
                Map.entry("GET /api/items", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/stock", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/rotation", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/ledger/reconciliation", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/warehouses", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/warehouses/{id}", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/warehouses/{id}/stock", AccessPolicy.READ_RESERVES),
                Map.entry("GET /api/warehouses/{id}/ledger", AccessPolicy.READ_RESERVES),
                Map.entry("POST /api/warehouses/{id}/receipts", AccessPolicy.MOVE_STOCK),
                Map.entry("POST /api/warehouses/{id}/issues", AccessPolicy.MOVE_STOCK),
                Map.entry("POST /api/warehouses/{id}/adjustments", AccessPolicy.MOVE_STOCK),
                Map.entry("POST /api/warehouses/{id}/write-offs", AccessPolicy.MOVE_STOCK),
                Map.entry("POST /api/warehouses/{id}/transfers", AccessPolicy.MOVE_STOCK),
                Map.entry("POST /api/donations", AccessPolicy.MOVE_STOCK),
                Map.entry("GET /api/donations/summary", AccessPolicy.READ_DONATION_SUMMARY),
                Map.entry("GET /api/shelters", AccessPolicy.READ_SHELTERS),
                Map.entry("GET /api/shelters/{id}", AccessPolicy.READ_SHELTERS),
                Map.entry("POST /api/shelters/{id}/open", AccessPolicy.MANAGE_SHELTERS),
                Map.entry("POST /api/shelters/{id}/occupancy", AccessPolicy.REPORT_OCCUPANCY),
                Map.entry("POST /api/shelters/{id}/close", AccessPolicy.MANAGE_SHELTERS));
    }

    @Override
    protected String path(UUID incident) {
        return "/api/incidents/" + incident + "/allocations";
    }

    @Override
    protected String readerRole() {
        return "warehouse-keeper";
    }
}
