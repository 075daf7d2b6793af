package cn.jinjiang.emergency.dispatch.domain.assignment;

import cn.jinjiang.emergency.shared.contract.UnitType;
import cn.jinjiang.emergency.shared.contract.events.MutualAidNotice;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

/** One bureau's request for another's units for one of its incidents, and its answer: a count per unit type. */
@Entity
@Table(name = MutualAidRecord.TABLE)
public class MutualAidRequest extends MutualAidRecord {

    public List<MutualAidNotice.Line> units() {
        return asked().entrySet().stream()
                .map(line -> new MutualAidNotice.Line(UnitType.valueOf(line.getKey()), line.getValue())).toList();
    }

    public MutualAidNotice notice(String by, OffsetDateTime at) {
        return new MutualAidNotice(id, incidentId, requestingJurisdiction, lendingJurisdiction, units(), reason,
                answerBy, status, by, at, note);
    }
}
