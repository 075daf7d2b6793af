package cn.jinjiang.emergency.gateway.screens;

import cn.jinjiang.emergency.gateway.view.ScreenFilter;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Refuses (400) an upgrade whose filters or resume position cannot be understood, before any connection exists; the
 * {@code X-Invalid-Field} header names the parameter (a WebSocket refusal has no body a browser would show).
 */
@ApplicationScoped
public class FilterCheck implements HttpUpgradeCheck {

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        ScreenQuery query = ScreenQuery.of(context.httpRequest().query());
        try {
            query.check();
            ScreenFilter.of(null, query::get);
            if (query.get("from") != null) {
                ScreenQuery.position(query.get("from"));
            }
            return CheckResult.permitUpgrade();
        } catch (InvalidFieldException e) {
            return CheckResult.rejectUpgrade(400, Map.of("X-Invalid-Field", List.of(e.field())));
        }
    }
}
