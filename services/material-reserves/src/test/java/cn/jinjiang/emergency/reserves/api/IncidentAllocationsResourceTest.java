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
        return Map.of("GET /api/incidents/{id}/allocations", AccessPolicy.READ_ALLOCATIONS,
                "GET /api/shelters", AccessPolicy.READ_SHELTERS,
                "GET /api/shelters/{id}", AccessPolicy.READ_SHELTERS,
                "POST /api/shelters/{id}/open", AccessPolicy.MANAGE_SHELTERS,
                "POST /api/shelters/{id}/occupancy", AccessPolicy.REPORT_OCCUPANCY,
                "POST /api/shelters/{id}/close", AccessPolicy.MANAGE_SHELTERS);
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
