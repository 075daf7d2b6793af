package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.intake.domain.Incident;
import cn.jinjiang.emergency.intake.domain.Report;
import cn.jinjiang.emergency.intake.domain.area.AreaDirectory;
import cn.jinjiang.emergency.intake.domain.deadline.ReportingDeadlines;
import cn.jinjiang.emergency.intake.domain.duplicate.DuplicateDetection;
import cn.jinjiang.emergency.intake.domain.duplicate.PossibleDuplicate;
import cn.jinjiang.emergency.intake.domain.grading.GradingPolicy;
import cn.jinjiang.emergency.intake.domain.grading.IncidentGrading;
import cn.jinjiang.emergency.shared.contract.events.EventType;
import cn.jinjiang.emergency.shared.contract.Grade;
import cn.jinjiang.emergency.shared.contract.events.IncidentMerged;
import cn.jinjiang.emergency.shared.contract.events.IncidentRegraded;
import cn.jinjiang.emergency.shared.contract.events.IncidentReopened;
import cn.jinjiang.emergency.shared.domain.Conflict;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.domain.NotFound;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Takes the report chain in and keeps the grade: every change to an incident and its events are committed together
 * or not at all. Changes to one incident are serialised on its row, so two reports arriving at once (or at two
 * instances) get consecutive places in the chain and the grade follows both.
 */
@ApplicationScoped
public class IncidentReporting {

    /** Field devices' clocks drift; a report a little "from the future" is still a real report. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A first report is news: nothing before this is one (also the lower bound in incident.reported's schema). */
    public static final OffsetDateTime EARLIEST_OCCURRENCE = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Outbox outbox;
    private final AreaDirectory areas;
    private final GradingPolicy grading;
    private final ReportingDeadlines deadlines;
    private final DuplicateDetection duplicates;

    public IncidentReporting(Outbox outbox, AreaDirectory areas, GradingPolicy grading,
            ReportingDeadlines deadlines, DuplicateDetection duplicates) {
        this.outbox = outbox;
        this.areas = areas;
        this.grading = grading;
        this.deadlines = deadlines;
        this.duplicates = duplicates;
    }

    @WithTransaction
    public Uni<FirstReportTaken> report(FirstReport report, Reporter reporter) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (report.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidFieldException("occurredAt", "must not be in the future");
        }
        if (report.occurredAt().isBefore(EARLIEST_OCCURRENCE)) {
            throw new InvalidFieldException("occurredAt", "must not be before " + EARLIEST_OCCURRENCE);
        }
        return areas.find(report.areaCode())
                .onItem().ifNull().failWith(() -> new InvalidFieldException("areaCode",
                        "unknown administrative area " + report.areaCode()))
                .flatMap(area -> {
                    if (!reporter.mayReportFor(area.code)) {
                        return Uni.createFrom().failure(new ForbiddenException("Incidents are reported in the "
                                + "reporter's own area or jurisdiction and the areas below it (" + reporter.scope()
                                + ")"));
                    }
                    return grading.grading().map(rules -> Map.entry(area, rules));
                })
                .flatMap(areaAndRules -> {
                    IncidentGrading rules = areaAndRules.getValue();
                    Incident incident = newIncident(report, reporter, now);
                    // Flagged, never refused: the position is where it happened, the area may be a slip or a
                    // boundary case, and the command centre decides which.
                    incident.locationOutsideArea = areaAndRules.getKey().isFarFrom(incident.latitude,
                            incident.longitude);
                    incident.assessedGrade = rules.grade(incident.type, incident.impact);
                    incident.settleGrade();
                    Report first = Report.of(incident, Report.Kind.FIRST, incident.situation,
                            incident.actionsTaken, reporter.name(), now);
                    first.contactPhone = report.contactPhone();
                    return incident.<Incident>persist()
                            .call(saved -> first.persist())
                            .flatMap(saved -> deadlines.afterFirstReport(saved, first))
                            .flatMap(owed -> duplicates.link(incident, now)
                                    .call(links -> outbox.add(EventType.INCIDENT_REPORTED, incident.id,
                                            incident.toReported(links.stream().map(PossibleDuplicate::toEvent).toList(),
                                                    first.contactPhone)))
                                    .map(links -> new FirstReportTaken(incident, first, owed, links)));
                });
    }

    /** A follow-up or final report: the figures it states become the incident's, and the grade follows them. */
    @WithTransaction
    public Uni<Incident> file(UUID id, SubsequentReport report, Reporter reporter) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id, reporter.scope()).flatMap(incident -> {
            if (incident.status == Incident.Status.CLOSED) {
                return Uni.createFrom().failure(new IncidentClosedException(id));
            }
            if (incident.status == Incident.Status.MERGED) {
                return Uni.createFrom().failure(merged(incident));
            }
            return grading.grading().flatMap(rules -> {
                Grade before = incident.grade;
                incident.restate(report.impact());
                incident.assessedGrade = rules.grade(incident.type, incident.impact);
                boolean regraded = incident.settleGrade();
                incident.situation = report.situation().strip();
                incident.actionsTaken = report.actionsTaken() == null ? null : report.actionsTaken().strip();
                incident.reportCount++;
                incident.lastReportAt = now;
                boolean last = report.kind() == SubsequentReport.Kind.FINAL;
                Report filed = Report.of(incident, last ? Report.Kind.FINAL : Report.Kind.FOLLOW_UP,
                        incident.situation, incident.actionsTaken, reporter.name(), now);
                if (last) {
                    incident.status = Incident.Status.CLOSED;
                    incident.closedAt = now;
                }
                // The report's event first, then the grade change it caused, in one transaction and under one key.
                return filed.persist()
                        .call(() -> deadlines.afterReport(incident, filed))
                        .call(() -> outbox.add(last ? EventType.INCIDENT_CLOSED : EventType.INCIDENT_UPDATED, id,
                                filed.toEvent()))
                        .call(() -> regraded
                                ? outbox.add(EventType.INCIDENT_REGRADED, id, new IncidentRegraded(id, before,
                                        incident.grade, incident.assessedGrade, IncidentRegraded.Cause.REPORT, null,
                                        filed.id, reporter.name(), now))
                                : Uni.createFrom().voidItem())
                        .replaceWith(incident);
            });
        });
    }

    /** A commander sets the response level, or clears it (level null) so the assessment decides again. */
    @WithTransaction
    public Uni<Incident> decideResponseLevel(UUID id, ResponseLevelDecision decision, String commander) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id, null).flatMap(incident -> {
            if (incident.status == Incident.Status.MERGED) {
                return Uni.createFrom().failure(merged(incident));
            }
            if (decision.level() == null && incident.responseLevel == null) {
                return Uni.createFrom().failure(new InvalidFieldException("level",
                        "no response level is set to clear; give the level to set"));
            }
            Grade before = incident.grade;
            incident.responseLevel = decision.level();
            incident.settleGrade();
            String reason = decision.reason().strip();
            Decision decided = Decision.of(id, decision.level() == null ? Decision.Kind.RESPONSE_LEVEL_CLEARED
                    : Decision.Kind.RESPONSE_LEVEL_SET, decision.level(), reason, commander, now);
            IncidentRegraded.Cause cause = decision.level() == null ? IncidentRegraded.Cause.RESPONSE_LEVEL_CLEARED
                    : IncidentRegraded.Cause.RESPONSE_LEVEL_SET;
            return decided.persist()
                    .call(() -> deadlines.afterRegrade(incident))
                    .call(() -> outbox.add(EventType.INCIDENT_REGRADED, id, new IncidentRegraded(id, before,
                            incident.grade, incident.assessedGrade, cause, reason, null, commander, now)))
                    .replaceWith(incident);
        });
    }

    /** A commander re-opens a closed incident so that follow-ups are accepted again. */
    @WithTransaction
    public Uni<Incident> reopen(UUID id, Reopening reopening, String commander) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return locked(id, null).flatMap(incident -> {
            if (incident.status == Incident.Status.MERGED) {
                return Uni.createFrom().failure(merged(incident));
            }
            if (incident.status != Incident.Status.CLOSED) {
                return Uni.createFrom().failure(new Conflict("Incident " + id + " is open; only a "
                        + "closed incident can be re-opened"));
            }
            incident.status = Incident.Status.OPEN;
            incident.closedAt = null;
            String reason = reopening.reason().strip();
            return Decision.of(id, Decision.Kind.REOPENED, null, reason, commander, now).persist()
                    .call(() -> deadlines.afterReopen(incident, now))
                    .call(() -> outbox.add(EventType.INCIDENT_REOPENED, id,
                            new IncidentReopened(id, reason, commander, now)))
                    .replaceWith(incident);
        });
    }

    /**
     * A commander merges a duplicate incident into another: the duplicate's reports move to the end of the other's
     * chain (marked with where they came from), the duplicate owes and takes no more reports, and incident.merged is
     * published under the duplicate's key. The other incident's figures stay its own latest report's; the next
     * report there restates the whole toll.
     */
    @WithTransaction
    public Uni<Incident> merge(UUID id, Merging merging, String commander) {
        if (id.equals(merging.into())) {
            throw new InvalidFieldException("into", "an incident cannot be merged into itself");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String reason = merging.reason().strip();
        // Both rows locked, always in the same order, so two merges crossing each other cannot deadlock.
        boolean duplicateFirst = id.compareTo(merging.into()) < 0;
        return Incident.<Incident>findById(duplicateFirst ? id : merging.into(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(a -> Incident.<Incident>findById(duplicateFirst ? merging.into() : id,
                        LockModeType.PESSIMISTIC_WRITE).map(b -> duplicateFirst ? new Incident[] {a, b}
                        : new Incident[] {b, a}))
                .flatMap(pair -> {
                    Incident duplicate = pair[0];
                    Incident survivor = pair[1];
                    if (duplicate == null) {
                        return Uni.createFrom().failure(new NotFound("No incident " + id));
                    }
                    if (survivor == null) {
                        return Uni.createFrom().failure(new InvalidFieldException("into",
                                "no incident " + merging.into()));
                    }
                    if (duplicate.status == Incident.Status.MERGED) {
                        return Uni.createFrom().failure(merged(duplicate));
                    }
                    if (survivor.status == Incident.Status.MERGED) {
                        return Uni.createFrom().failure(new InvalidFieldException("into", "incident "
                                + survivor.id + " was itself merged into " + survivor.mergedInto + "; merge into that"));
                    }
                    return Report.chainOf(duplicate.id).flatMap(reports -> {
                        for (Report report : reports) {
                            report.incidentId = survivor.id;
                            report.mergedFrom = duplicate.id;
                            report.sequence = ++survivor.reportCount;
                        }
                        duplicate.status = Incident.Status.MERGED;
                        duplicate.mergedInto = survivor.id;
                        return Decision.of(duplicate.id, Decision.Kind.MERGED, null, reason, commander, now).persist()
                                .call(() -> deadlines.afterMerge(duplicate, now))
                                .call(() -> outbox.add(EventType.INCIDENT_MERGED, duplicate.id, new IncidentMerged(
                                        duplicate.id, survivor.id, reason, reports.size(), commander, now)))
                                .replaceWith(survivor);
                    });
                });
    }

    private static Conflict merged(Incident incident) {
        return new Conflict("Incident " + incident.id + " was merged into " + incident.mergedInto
                + "; report there");
    }

    /**
     * The incident, locked for this transaction. Outside the reporter's scope (a duty officer's area, the command
     * centre's jurisdiction) it is answered as unknown, as reads are, so that its existence does not leak.
     */
    private static Uni<Incident> locked(UUID id, String scope) {
        return Incident.<Incident>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new NotFound("No incident " + id))
                .invoke(incident -> {
                    if (scope != null && !AreaCodes.covers(scope, incident.areaCode)) {
                        throw new NotFound("No incident " + id);
                    }
                });
    }

    private static Incident newIncident(FirstReport report, Reporter reporter, OffsetDateTime now) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.type = report.type();
        incident.title = report.title().strip();
        incident.latitude = report.location().latitude();
        incident.longitude = report.location().longitude();
        incident.areaCode = report.areaCode();
        incident.occurredAt = report.occurredAt();
        incident.reportedAt = now;
        incident.reportedBy = reporter.name();
        incident.restate(report.impact());
        incident.situation = report.situation() == null ? null : report.situation().strip();
        incident.actionsTaken = report.actionsTaken() == null ? null : report.actionsTaken().strip();
        incident.status = Incident.Status.OPEN;
        incident.reportCount = 1;
        incident.lastReportAt = now;
        return incident;
    }
}
