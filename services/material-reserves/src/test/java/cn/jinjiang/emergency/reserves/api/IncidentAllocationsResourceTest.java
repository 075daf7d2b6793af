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
        return Map.of("GET /api/incidents/{id}/allocations", AccessPolicy.READ_ALLOCATIONS);
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
