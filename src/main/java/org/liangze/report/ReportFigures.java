package org.liangze.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.liangze.escalation.EscalationLevel;
import org.liangze.escalation.EscalationStep;
import org.liangze.record.EntryKind;
import org.liangze.record.RecordEntry;

/**
 * The numbers a unit's half-year report is drafted from, counted from its record manual and its escalation trace
 * for the half-year: the platform writes what it already knows, so people only add what it cannot.
 */
record ReportFigures(Map<EntryKind, Integer> entriesByKind, int tasksCompleted, int completedLate,
    int backdatedEntries, int remindersReceived, int supervisionNotices, int summonsRequested,
    int accountabilityRequested) {

  static ReportFigures count(List<RecordEntry> entries, List<EscalationStep> steps, Instant from, Instant to) {
    Map<EntryKind, Integer> byKind = new EnumMap<>(EntryKind.class);
    int completed = 0;
    int late = 0;
    int backdated = 0;
    for (RecordEntry entry : entries) {
      if (entry.occurredAt().isBefore(from) || !entry.occurredAt().isBefore(to)) {
        continue;
      }
      byKind.merge(entry.kind(), 1, Integer::sum);
      if (entry.kind() == EntryKind.TASK_COMPLETED) {
        completed++;
        if (entry.lateReason() != null) {
          late++;
        }
      } else if (entry.lateReason() != null) {
        backdated++;
      }
    }
    Map<EscalationLevel, Integer> byLevel = new EnumMap<>(EscalationLevel.class);
    for (EscalationStep step : steps) {
      if (!step.takenAt().isBefore(from) && step.takenAt().isBefore(to)) {
        byLevel.merge(step.level(), 1, Integer::sum);
      }
    }
    return new ReportFigures(byKind, completed, late, backdated, byLevel.getOrDefault(EscalationLevel.REMINDED, 0),
        byLevel.getOrDefault(EscalationLevel.OVERDUE, 0), byLevel.getOrDefault(EscalationLevel.SUMMONED, 0),
        byLevel.getOrDefault(EscalationLevel.ESCALATED, 0));
  }

  int entries(EntryKind kind) {
    return entriesByKind.getOrDefault(kind, 0);
  }

  /** The figures as the read-only block of the report form. */
  String text() {
    return "纪实记录：会议" + entries(EntryKind.MEETING) + "次，学习" + entries(EntryKind.STUDY) + "次，谈话"
        + entries(EntryKind.TALK) + "次，检查" + entries(EntryKind.INSPECTION) + "次，其他" + entries(EntryKind.OTHER)
        + "次；完成流程任务" + tasksCompleted + "项（其中逾期完成" + completedLate + "项）；补录记录" + backdatedEntries
        + "条。\n督责：到期提醒" + remindersReceived + "次，逾期督办" + supervisionNotices + "次，约谈建议" + summonsRequested
        + "次，问责建议" + accountabilityRequested + "次。";
  }
}
