package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.shared.contract.Hazard;
import cn.jinjiang.emergency.shared.contract.WarningLevel;
import cn.jinjiang.emergency.shared.domain.InvalidFieldException;
import cn.jinjiang.emergency.shared.security.AreaCodes;
import io.quarkus.security.ForbiddenException;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Warnings of one status, newest change first, one page at a time, filtered and limited in the database: a list of
 * every warning ever issued would otherwise be read whole into memory for each request. Pages follow each other by a
 * cursor (the last warning's change time and id), not by an offset, so a page costs the same however deep it is.
 *
 * @param area  a 12-digit code: the warnings that reach it (targeting it or an area above it) and those targeting
 *              places inside it; null for every area
 * @param scope the caller's (a jurisdiction's code): only the warnings of that jurisdiction, whose areas all lie in
 *              it; null for callers bounded by none
 */
public record WarningSearch(Warning.Status status, WarningLevel level, Hazard hazard, String area, String scope) {

    /** One page: at most the limit asked for, and the cursor of the next page, null on the last. */
    public record Page(List<Warning> warnings, String next) {
    }

    public Uni<Page> page(Cursor after, int limit) {
        StringBuilder query = new StringBuilder("status = :status");
        Parameters parameters = Parameters.with("status", status);
        narrow(query, parameters);
        if (after != null) {
            query.append(" and (updatedAt < :at or (updatedAt = :at and id > :id))");
            parameters.and("at", after.updatedAt()).and("id", after.id());
        }
        query.append(" order by updatedAt desc, id");
        return Warning.<Warning>find(query.toString(), parameters).range(0, limit).list().map(found -> {
            if (found.size() <= limit) {
                return new Page(found, null);
            }
            List<Warning> page = found.subList(0, limit);
            return new Page(List.copyOf(page), Cursor.of(page.get(limit - 1)).token());
        });
    }

    /**
     * The warnings issued (approved) in [from, to), whatever became of them since, oldest first; the status asked
     * for is not applied (a drafted warning was never issued).
     */
    public Uni<List<Warning>> issuedBetween(OffsetDateTime from, OffsetDateTime to) {
        StringBuilder query = new StringBuilder("status <> :draft and approvedAt >= :from and approvedAt < :to");
        Parameters parameters = Parameters.with("draft", Warning.Status.DRAFT).and("from", from).and("to", to);
        narrow(query, parameters);
        return Warning.<Warning>find(query.append(" order by approvedAt, id").toString(), parameters).list();
    }

    /** The level, hazard, area and scope asked for, as conditions added to a query. */
    private void narrow(StringBuilder query, Parameters parameters) {
        if (level != null) {
            query.append(" and level = :level");
            parameters.and("level", level);
        }
        if (hazard != null) {
            query.append(" and hazard = :hazard");
            parameters.and("hazard", hazard);
        }
        if (area != null) {
            // The codes are stored comma-separated: wrapped in commas, each is matched whole or by its start.
            query.append(" and (concat(',', areaCodeList) like :inside");
            parameters.and("inside", "%," + AreaCodes.prefix(area) + "%");
            int i = 0;
            for (String above : reaching(area)) {
                query.append(" or concat(',', areaCodeList, ',') like :above").append(i);
                parameters.and("above" + i++, "%," + above + ",%");
            }
            query.append(')');
        }
        if (scope != null) {
            // A warning's areas are all of one jurisdiction, so its first code tells whose it is.
            query.append(" and areaCodeList like :scope");
            parameters.and("scope", AreaCodes.prefix(scope) + "%");
        }
    }

    /**
     * The area a duty officer's list is of: their own, or a place inside it they asked for; a place outside it is
     * 403 naming {@code areaCode}.
     */
    public static String officersArea(String officers, String asked) {
        if (asked == null) {
            return officers;
        }
        if (!AreaCodes.covers(officers, asked)) {
            throw new ForbiddenException("areaCode " + asked + " is outside the duty officer's area " + officers);
        }
        return asked;
    }

    /** The area and every area above it: a warning targeting any of them reaches it. */
    static Set<String> reaching(String area) {
        Set<String> codes = new LinkedHashSet<>();
        for (int digits : new int[] {2, 4, 6, 9}) {
            String above = area.substring(0, digits) + "0".repeat(12 - digits);
            if (AreaCodes.covers(above, area)) {
                codes.add(above);
            }
        }
        codes.add(area);
        return codes;
    }

    /** Where a page starts: after the warning changed at this time with this id. */
    public record Cursor(OffsetDateTime updatedAt, UUID id) {

        static Cursor of(Warning warning) {
            return new Cursor(warning.updatedAt, warning.id);
        }

        /** The instant in UTC, so the cursor needs no escaping in a URL ('+' would read as a space). */
        String token() {
            return updatedAt.toInstant() + "~" + id;
        }

        /** @throws InvalidFieldException naming {@code after} unless it is a {@code next} the list gave */
        public static Cursor parse(String value) {
            if (value == null) {
                return null;
            }
            int tilde = value.indexOf('~');
            try {
                if (tilde > 0) {
                    return new Cursor(Instant.parse(value.substring(0, tilde)).atOffset(ZoneOffset.UTC),
                            UUID.fromString(value.substring(tilde + 1)));
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // Answered below, like a value without a '~'.
            }
            throw new InvalidFieldException("after", "must be the \"next\" of the page before");
        }
    }

}
