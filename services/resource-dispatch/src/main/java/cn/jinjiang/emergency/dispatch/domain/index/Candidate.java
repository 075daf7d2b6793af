package cn.jinjiang.emergency.dispatch.domain.index;

import java.util.Comparator;

/** A unit offered for an incident: its straight-line distance and estimated arrival. */
public record Candidate(IndexedUnit unit, double km, double etaMinutes) {

    /** Soonest first; equal estimates by call sign, then id, so that every caller sees the same order. */
    public static final Comparator<Candidate> RANKING = Comparator.comparingDouble(Candidate::etaMinutes)
            .thenComparing(candidate -> candidate.unit().callSign())
            .thenComparing(candidate -> candidate.unit().id());
}
