package cn.jinjiang.emergency.reserves.domain.mutualaid;

import cn.jinjiang.emergency.shared.contract.events.StockAidNotice;
import cn.jinjiang.emergency.shared.mutualaid.MutualAidRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

/** One bureau's request for another's stock for one of its incidents, and its answer: a quantity per item. */
@Entity
@Table(name = MutualAidRecord.TABLE)
public class MutualAidRequest extends MutualAidRecord {

    public List<StockAidNotice.Line> items() {
        return asked().entrySet().stream()
                .map(line -> new StockAidNotice.Line(line.getKey(), line.getValue())).toList();
    }

    public StockAidNotice notice(String by, OffsetDateTime at) {
        return new StockAidNotice(id, incidentId, requestingJurisdiction, lendingJurisdiction, items(), reason,
                answerBy, status, by, at, note);
    }
}
