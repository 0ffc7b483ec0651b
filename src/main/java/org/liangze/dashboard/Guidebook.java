package org.liangze.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.liangze.escalation.EscalationPolicy;
import org.liangze.platform.DeadlineProperties;
import org.springframework.stereotype.Component;

/**
 * The guidebook (一本通): its text is a Thymeleaf page ({@code templates/dashboard/guidebook.html}); the durations
 * in it come from the running configuration and the escalation policy (a DMN), so what it says matches what the
 * platform enforces.
 */
@Component
public class Guidebook {

  /** Anchors of the guidebook's sections, which forms link to. */
  public static final String[] SECTIONS = {"overview", "letter", "lists", "self-check", "half-year-report",
      "rectification", "escalation", "talks", "first-form", "accountability", "record", "scoring"};

  private final DeadlineProperties deadlines;
  private final EscalationPolicy escalation;
  private final ScoringProperties scoring;

  Guidebook(DeadlineProperties deadlines, EscalationPolicy escalation, ScoringProperties scoring) {
    this.deadlines = deadlines;
    this.escalation = escalation;
    this.scoring = scoring;
  }

  public Map<String, String> contents() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("letterSigning", chinese(deadlines.letterSigning()));
    text.put("letterRevision", chinese(deadlines.letterRevision()));
    text.put("letterCountersigning", chinese(deadlines.letterCountersigning()));
    text.put("listDrafting", chinese(deadlines.listDrafting()));
    text.put("listReview", chinese(deadlines.listReview()));
    text.put("selfCheckAssessment", chinese(deadlines.selfCheckAssessment()));
    text.put("selfCheckInspection", chinese(deadlines.selfCheckInspection()));
    text.put("selfCheckSignOff", chinese(deadlines.selfCheckSignOff()));
    text.put("selfCheckReview", chinese(deadlines.selfCheckReview()));
    text.put("rectificationPlan", chinese(deadlines.rectificationPlan()));
    text.put("rectificationVerification", chinese(deadlines.rectificationVerification()));
    text.put("reportEditing", chinese(deadlines.reportEditing()));
    text.put("reportSigning", chinese(deadlines.reportSigning()));
    text.put("reportReview", chinese(deadlines.reportReview()));
    EscalationPolicy.Ladder ladder = escalation.standard();
    text.put("remindBefore", chinese(ladder.remindBefore()));
    text.put("reminders", ladder.reminders().isEmpty() ? "（不提醒）"
        : String.join("、", ladder.reminders().stream().map(Guidebook::chinese).toList()));
    text.put("summonsAfter", chinese(ladder.summonsAfter()));
    text.put("accountabilityAfter", chinese(ladder.accountabilityAfter()));
    text.put("scoringVersion", scoring.version());
    text.put("talksPerQuarter", String.valueOf(scoring.talksPerQuarter()));
    return text;
  }

  /** "14天", "36小时", "30分钟": how a person says a duration. */
  static String chinese(Duration duration) {
    if (duration.isZero()) {
      return "0天";
    }
    if (duration.toHours() % 24 == 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
      return duration.toDays() + "天";
    }
    if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
      return duration.toHours() + "小时";
    }
    return duration.toMinutes() + "分钟";
  }
}
