package db.migration;

import cn.jinjiang.emergency.shared.persistence.AreaReference;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Loads the administrative areas (shared db/reference/areas.csv); re-applied whenever the file changes. */
public class R__Reference_areas extends BaseJavaMigration {

    @Override
    public Integer getChecksum() {
        return AreaReference.checksum();
    }

    @Override
    public void migrate(Context context) throws Exception {
        AreaReference.load(context.getConnection());
    }
}
