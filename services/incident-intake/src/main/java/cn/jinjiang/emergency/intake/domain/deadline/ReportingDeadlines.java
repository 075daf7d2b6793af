package cn.jinjiang.emergency.intake.domain.deadline;

import cn.jinjiang.emergency.intake.config.DeadlinePolicy;
import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.events.ReportOverdue;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each incident's report deadlines in step with its reports and grade, inside the transaction that changes the
 * incident, and announces missed ones (incident.report-overdue), once per deadline even with several instances.
 */
@ApplicationScoped
public class ReportingDeadlines {

    /** How many overdue deadlines one pass announces; the next pass takes the rest. */
    private static final int ANNOUNCE_BATCH = 100;

    private final DeadlinePolicy policy;
    private final Outbox outbox;

    public ReportingDeadlines(DeadlinePolicy policy, Outbox outbox) {
        this.policy = policy;
        this.outbox = outbox;
    }

    /** The first report meets (or was late for) its own deadline; an open incident now owes its next and final. */
    public Uni<List<ReportDeadline>> afterFirstReport(Incident incident, Report first) {
        ReportDeadline own = ReportDeadline.of(incident, ReportDeadline.Kind.FIRST_REPORT,
                incident.occurredAt.plus(policy.firstReportWithin()));
        own.meet(first);
        List<ReportDeadline> due = new ArrayList<>(List.of(own));
        List<ReportDeadline> owed = owedAfter(incident, first.reportedAt, true);
        due.addAll(owed);
        return persist(due).replaceWith(owed);
    }

    /**
     * A later report meets the pending next-report deadline, and the final-report one if it is the final report.
     * Otherwise the final report is owed from this report on (unless its deadline was already missed, which stays
     * missed until the final report comes).
     */
    public Uni<Void> afterReport(Incident incident, Report report) {
        return ReportDeadline.pendingFor(incident.id).flatMap(pending -> {
            boolean finalStillMissed = false;
            for (ReportDeadline deadline : pending) {
                if (deadline.kind != ReportDeadline.Kind.FINAL_REPORT || report.kind == Report.Kind.FINAL) {
                    deadline.meet(report);
                } else if (deadline.overdueAt != null) {
                    finalStillMissed = true;
                } else {
                    deadline.cancelledAt = report.reportedAt;
                }
            }
            if (incident.status != Incident.Status.OPEN) {
                return Uni.createFrom().voidItem();
            }
            return persist(owedAfter(incident, report.reportedAt, !finalStillMissed));
        });
    }

    /** A new grade moves the next report's deadline to its interval, unless that deadline was already missed. */
    public Uni<Void> afterRegrade(Incident incident) {
        return ReportDeadline.pendingFor(incident.id).invoke(pending -> pending.stream()
                .filter(d -> d.kind == ReportDeadline.Kind.NEXT_REPORT && d.overdueAt == null)
                .forEach(d -> d.dueAt = incident.lastReportAt.plus(policy.followUpEvery(incident.grade))))
                .replaceWithVoid();
    }

    /** A merged incident owes nothing more: what it owed, the incident it joined owes. */
    public Uni<Void> afterMerge(Incident merged, OffsetDateTime at) {
        return ReportDeadline.pendingFor(merged.id).invoke(pending -> pending.forEach(d -> d.cancelledAt = at))
                .replaceWithVoid();
    }

    /** A re-opened incident owes reports again, counted from the re-opening. */
    public Uni<Void> afterReopen(Incident incident, OffsetDateTime at) {
        return persist(owedAfter(incident, at, true));
    }

    /** Panache refuses to persist an empty list. */
    private static Uni<Void> persist(List<ReportDeadline> deadlines) {
        return deadlines.isEmpty() ? Uni.createFrom().voidItem() : ReportDeadline.persist(deadlines);
    }

    private List<ReportDeadline> owedAfter(Incident incident, OffsetDateTime from, boolean withFinal) {
        List<ReportDeadline> owed = new ArrayList<>();
        if (incident.status == Incident.Status.OPEN) {
            owed.add(ReportDeadline.of(incident, ReportDeadline.Kind.NEXT_REPORT,
                    from.plus(policy.followUpEvery(incident.grade))));
            if (withFinal) {
                owed.add(ReportDeadline.of(incident, ReportDeadline.Kind.FINAL_REPORT,
                        from.plus(policy.finalReportWithin())));
            }
        }
        return owed;
    }

    /**
     * Announces deadlines that passed unmet: each is marked and its event added in one transaction. Rows another
     * instance is announcing are skipped (SKIP LOCKED), so no deadline is announced twice.
     *
     * @return how many were announced; must run inside a transaction
     */
    public Uni<Integer> announceOverdue(OffsetDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM report_deadline WHERE met_at IS NULL AND cancelled_at IS NULL "
                                + "AND overdue_at IS NULL AND due_at < :now ORDER BY due_at LIMIT :batch "
                                + "FOR UPDATE SKIP LOCKED", ReportDeadline.class)
                .setParameter("now", now).setParameter("batch", ANNOUNCE_BATCH).getResultList())
                .flatMap(missed -> announce(missed, 0, now).replaceWith(missed.size()));
    }

    private Uni<Void> announce(List<ReportDeadline> missed, int index, OffsetDateTime now) {
        if (index == missed.size()) {
            return Uni.createFrom().voidItem();
        }
        ReportDeadline deadline = missed.get(index);
        deadline.overdueAt = now;
        return Incident.<Incident>findById(deadline.incidentId)
                .flatMap(incident -> outbox.add(EventType.REPORT_OVERDUE, incident.id, new ReportOverdue(incident.id,
                        deadline.id, deadline.kind == ReportDeadline.Kind.FINAL_REPORT ? ReportOverdue.Kind.FINAL_REPORT
                                : ReportOverdue.Kind.NEXT_REPORT, deadline.dueAt, incident.lastReportAt,
                        incident.grade, incident.areaCode, now)))
                .flatMap(published -> announce(missed, index + 1, now));
    }
}
