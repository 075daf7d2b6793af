package cn.jinjiang.emergency.intake.domain;

import cn.jinjiang.emergency.shared.contract.EventType;
import cn.jinjiang.emergency.shared.outbox.Outbox;
import cn.jinjiang.emergency.shared.problem.InvalidFieldException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Takes reports in: the incident and its incident.reported event are committed together or not at all. */
@ApplicationScoped
public class IncidentReporting {

    /** Field devices' clocks drift; a report a little "from the future" is still a real report. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A first report is news: nothing before this is one (also the lower bound in incident.reported's schema). */
    public static final OffsetDateTime EARLIEST_OCCURRENCE = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Outbox outbox;
    private final AreaDirectory areas;

    public IncidentReporting(Outbox outbox, AreaDirectory areas) {
        this.outbox = outbox;
        this.areas = areas;
    }

    @WithTransaction
    public Uni<Incident> report(FirstReport report, Reporter reporter) {
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
                        return Uni.createFrom().failure(new ForbiddenException("A duty officer reports incidents "
                                + "in their own area and the areas below it (" + reporter.officerArea() + ")"));
                    }
                    Incident incident = newIncident(report, reporter, now);
                    return incident.<Incident>persist()
                            .call(saved -> outbox.add(EventType.INCIDENT_REPORTED, saved.id, saved.toReported()));
                });
    }

    private static Incident newIncident(FirstReport report, Reporter reporter, OffsetDateTime now) {
        FirstReport.Casualties casualties = report.casualties() == null
                ? new FirstReport.Casualties(0, 0, 0, 0) : report.casualties();
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
        incident.deaths = casualties.deaths();
        incident.seriousInjuries = casualties.seriousInjuries();
        incident.minorInjuries = casualties.minorInjuries();
        incident.missing = casualties.missing();
        incident.directLossCny = report.directLossCny();
        incident.grade = IncidentGrading.grade(incident.casualties(), incident.directLossCny);
        incident.status = Incident.Status.REPORTED;
        return incident;
    }
}
