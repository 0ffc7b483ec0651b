package org.liangze.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.liangze.rectification.Rectification;
import org.liangze.rectification.RectificationStatus;
import org.liangze.selfcheck.AssessmentStatus;
import org.liangze.selfcheck.SelfCheck;
import org.liangze.talk.Talk;
import org.liangze.talk.TalkKind;

/**
 * The half-year report's drafted sections beyond the record's figures (issue 16 part 6): what the unit did — its
 * self-checks of the half-year's quarters, the rectifications opened in it, the talks it held — and the problems
 * these show — items not or partly done, rectifications past their deadline, problem summons received — so the unit
 * edits a draft rather than writing from nothing.
 *
 * @param practice lines for "二、主要做法和成效"
 * @param problems lines for "三、存在的问题" (empty when the records show none)
 */
record DraftSections(List<String> practice, List<String> problems) {

  /** At most this many items and rectifications are named one by one; the rest are counted. */
  static final int NAMED = 10;

  static DraftSections of(HalfYear period, ZoneId zone, List<SelfCheck> selfChecks,
      List<Rectification> rectifications, List<Talk> talks, LocalDate today) {
    Instant from = period.start(zone);
    Instant to = period.end(zone);
    List<String> practice = new ArrayList<>();
    List<String> problems = new ArrayList<>();

    List<String> quarters = period.half() == 1
        ? List.of(period.year() + "Q1", period.year() + "Q2") : List.of(period.year() + "Q3", period.year() + "Q4");
    List<SelfCheck> checks = selfChecks.stream().filter(c -> quarters.contains(c.quarter()))
        .sorted((a, b) -> a.quarter().compareTo(b.quarter())).toList();
    if (checks.isEmpty()) {
      practice.add("季度自查：本半年度尚无季度自查。");
    }
    List<String> notDone = new ArrayList<>();
    for (SelfCheck check : checks) {
      String quarter = quarterLabel(check.quarter());
      long done = count(check, AssessmentStatus.DONE);
      long partly = count(check, AssessmentStatus.PARTLY);
      long not = count(check, AssessmentStatus.NOT_DONE);
      practice.add("季度自查：" + quarter + check.status().label()
          + (check.results().isEmpty() ? "。" : "，自查" + check.results().size() + "项（已完成" + done + "项、部分完成"
              + partly + "项、未完成" + not + "项）。"));
      for (SelfCheck.Result result : check.results()) {
        if (result.status() != null && result.status() != AssessmentStatus.DONE) {
          notDone.add(quarter + "自查：“" + result.item() + "”" + result.status().label()
              + (result.note() == null || result.note().isBlank() ? "" : "（" + result.note().strip() + "）") + "。");
        }
      }
    }
    named(problems, notDone, "项自查事项未完成或部分完成");

    List<Rectification> opened = rectifications.stream()
        .filter(r -> r.openedAt() != null && within(r.openedAt().toInstant(), from, to)).toList();
    long verified = opened.stream().filter(r -> r.status() == RectificationStatus.VERIFIED).count();
    long onTime = opened.stream().filter(r -> r.status() == RectificationStatus.VERIFIED && r.verifiedAt() != null
        && !r.verifiedAt().atZoneSameInstant(zone).toLocalDate().isAfter(r.deadline())).count();
    practice.add(opened.isEmpty() ? "整改：本半年度未新开整改事项。"
        : "整改：本半年度新开整改" + opened.size() + "项，已验收" + verified + "项（其中按期" + onTime + "项），尚未完成"
            + (opened.size() - verified) + "项。");
    List<String> overdue = new ArrayList<>();
    for (Rectification r : rectifications) {
      if (r.status() != RectificationStatus.VERIFIED && r.deadline() != null && r.deadline().isBefore(today)) {
        overdue.add("整改“" + r.subject() + "”逾期未完成（期限" + r.deadline() + "）。");
      }
    }
    named(problems, overdue, "项整改逾期未完成");

    List<Talk> held = talks.stream().filter(t -> t.heldAt() != null && within(t.heldAt().toInstant(), from, to))
        .toList();
    List<Talk> own = held.stream().filter(t -> t.kind() != TalkKind.PROBLEM_SUMMONS).toList();
    long commitments = own.stream().mapToLong(t -> t.commitments().size()).sum();
    long carriedOut = own.stream().flatMap(t -> t.commitments().stream())
        .filter(c -> c.verifiedAt() != null && "VERIFIED".equals(c.status())).count();
    StringBuilder talkLine = new StringBuilder("谈话：");
    if (own.isEmpty()) {
      talkLine.append("本半年度未开展廉政谈话或述责述廉。");
    } else {
      for (TalkKind kind : TalkKind.values()) {
        long n = own.stream().filter(t -> t.kind() == kind).count();
        if (n > 0) {
          talkLine.append("开展").append(kind.label()).append(n).append("次，");
        }
      }
      talkLine.append("作出整改承诺").append(commitments).append("条，已落实").append(carriedOut).append("条。");
    }
    practice.add(talkLine.toString());
    held.stream().filter(t -> t.kind() == TalkKind.PROBLEM_SUMMONS)
        .forEach(t -> problems.add("接受问题约谈：" + t.cause() + "。"));
    return new DraftSections(List.copyOf(practice), List.copyOf(problems));
  }

  private static void named(List<String> into, List<String> lines, String rest) {
    into.addAll(lines.subList(0, Math.min(NAMED, lines.size())));
    if (lines.size() > NAMED) {
      into.add("另有" + (lines.size() - NAMED) + rest + "。");
    }
  }

  private static long count(SelfCheck check, AssessmentStatus status) {
    return check.results().stream().filter(r -> r.status() == status).count();
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  private static String quarterLabel(String quarter) {
    return quarter.substring(0, 4) + "年第" + quarter.substring(5) + "季度";
  }
}
