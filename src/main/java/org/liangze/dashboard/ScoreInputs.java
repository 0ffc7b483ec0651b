package org.liangze.dashboard;

import java.util.List;

/**
 * What a unit did in a period, counted from the platform's records: the figures the score formula works on.
 *
 * @param onTimeTasks tasks completed (record manual) without being overdue and without a late reason
 * @param lateTasks tasks overdue (escalation ladder) or completed with a late reason
 * @param selfChecks the unit's self-checks of the period's quarters
 * @param selfChecksCompleted of those, submitted and signed off (under review or further)
 * @param rectifications rectifications opened in the period
 * @param rectificationsVerified of those, verified
 * @param rectificationsOnTime of those, verified no later than their deadline
 * @param manualEntries manual record entries (meetings, study, talks, inspections, other)
 * @param manualEntriesWithEvidence of those, with at least one evidence file
 * @param talks record entries of kind TALK that are not a problem summons (问题约谈)
 * @param problemSummons record entries of kind TALK that record a problem summons: shown, never credited
 * @param decidedCaseForms per accountability case of the unit whose measures were decided in the period (whatever
 *     its source), the heaviest of the four forms among its decided measures
 * @param copyFlags COPYING flags on the unit's tailored lists of the period's year
 * @param copyFlaggedListIds the lists those flags are on
 * @param reusedEvidence evidence files the unit first used in the period that other units use as well
 */
public record ScoreInputs(long onTimeTasks, long lateTasks, long selfChecks, long selfChecksCompleted,
    long rectifications, long rectificationsVerified, long rectificationsOnTime, long manualEntries,
    long manualEntriesWithEvidence, long talks, long problemSummons, List<Integer> decidedCaseForms, long copyFlags,
    List<Long> copyFlaggedListIds, long reusedEvidence) {

  public ScoreInputs {
    decidedCaseForms = List.copyOf(decidedCaseForms);
    copyFlaggedListIds = List.copyOf(copyFlaggedListIds);
  }
}
