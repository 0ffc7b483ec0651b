package org.liangze.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit score formula (README "Scoring"), version {@link ScoringProperties#version()}:
 *
 * <pre>
 * score = max(0, 100 × Σ weight × rate − Σ deduction × count), rounded to 2 decimals
 * </pre>
 *
 * Rates (0–1): timeliness = on-time tasks / (on-time + late); self-check = completed / due; rectification rate =
 * verified / opened; rectification speed = verified by the deadline / opened; evidence = manual entries with
 * evidence / manual entries; talks = min(1, talks / (talks per quarter × quarters)). A rate with nothing due
 * (no task, no self-check, no rectification) counts as 1: nothing was missed; evidence with no manual entry counts
 * as 0: nothing was recorded. Deductions: per accountability case, per COPYING flag on a tailored list, per evidence
 * file shared with another unit.
 */
public final class ScoreFormula {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final ScoringProperties numbers;

  public ScoreFormula(ScoringProperties numbers) {
    this.numbers = numbers;
  }

  public String version() {
    return numbers.version();
  }

  /** The formula's numbers as one canonical line, stored with the version so an old score stays explainable. */
  public String definition() {
    ScoringProperties.Weights w = numbers.weights();
    ScoringProperties.Deductions d = numbers.deductions();
    return "score = max(0, 100 * (" + w.timeliness().stripTrailingZeros().toPlainString() + " * timeliness + "
        + w.selfCheck().stripTrailingZeros().toPlainString() + " * selfCheck + "
        + w.rectificationRate().stripTrailingZeros().toPlainString() + " * rectificationRate + "
        + w.rectificationSpeed().stripTrailingZeros().toPlainString() + " * rectificationSpeed + "
        + w.evidence().stripTrailingZeros().toPlainString() + " * evidence + "
        + w.talks().stripTrailingZeros().toPlainString() + " * talks) - "
        + d.accountabilityCase().stripTrailingZeros().toPlainString() + " * accountabilityCases - "
        + d.copyFlag().stripTrailingZeros().toPlainString() + " * copyFlags - "
        + d.reusedEvidence().stripTrailingZeros().toPlainString() + " * reusedEvidence); talksPerQuarter = "
        + numbers.talksPerQuarter() + "; empty timeliness/selfCheck/rectification = 1; empty evidence = 0";
  }

  /** One figure of a score: its rate or count, what it adds or takes off, and where its records are. */
  public record Component(String key, String label, String figure, BigDecimal rate, BigDecimal weight,
      BigDecimal points, List<Link> links) {
  }

  public record Link(String label, String url) {
  }

  public record Result(BigDecimal score, List<Component> components) {
  }

  public Result compute(String unitCode, Period period, ScoreInputs in) {
    ScoringProperties.Weights w = numbers.weights();
    ScoringProperties.Deductions d = numbers.deductions();
    String record = "/pages/units/" + unitCode + "/record";
    List<Component> parts = new ArrayList<>();
    parts.add(rate("timeliness", "按时办结", in.onTimeTasks(), in.onTimeTasks() + in.lateTasks(), BigDecimal.ONE,
        w.timeliness(), List.of(new Link("纪实手册（完成任务记录）", record),
            new Link("逾期任务", "/api/overdue"))));
    parts.add(rate("selfCheck", "季度自查完成", in.selfChecksCompleted(), in.selfChecks(), BigDecimal.ONE,
        w.selfCheck(), List.of(new Link("季度自查", "/api/units/" + unitCode + "/self-checks"))));
    String rectifications = "/api/units/" + unitCode + "/rectifications";
    parts.add(rate("rectificationRate", "整改完成率", in.rectificationsVerified(), in.rectifications(), BigDecimal.ONE,
        w.rectificationRate(), List.of(new Link("整改", rectifications))));
    parts.add(rate("rectificationSpeed", "按期整改", in.rectificationsOnTime(), in.rectifications(), BigDecimal.ONE,
        w.rectificationSpeed(), List.of(new Link("整改", rectifications))));
    parts.add(rate("evidence", "佐证材料齐全", in.manualEntriesWithEvidence(), in.manualEntries(), BigDecimal.ZERO,
        w.evidence(), List.of(new Link("纪实手册", record))));
    long talksDue = (long) numbers.talksPerQuarter() * period.quarterCount();
    BigDecimal talkRate = BigDecimal.valueOf(Math.min(in.talks(), talksDue))
        .divide(BigDecimal.valueOf(talksDue), 4, RoundingMode.HALF_UP);
    parts.add(new Component("talks", "开展谈话", in.talks() + "/" + talksDue, talkRate, w.talks(),
        points(talkRate, w.talks()), List.of(new Link("纪实手册（谈话记录）", record))));
    parts.add(deduction("accountabilityCases", "问责案件", in.accountabilityCases(), d.accountabilityCase(),
        List.of(new Link("问责建议", "/api/dashboard/units/" + unitCode + "/accountability?period=" + period))));
    List<Link> flagLinks = new ArrayList<>();
    in.copyFlaggedListIds().forEach(id -> flagLinks.add(new Link("被标记照搬的个性清单", "/api/lists/" + id)));
    parts.add(deduction("copyFlags", "清单照搬标记", in.copyFlags(), d.copyFlag(), flagLinks));
    parts.add(deduction("reusedEvidence", "佐证材料与他单位重复", in.reusedEvidence(), d.reusedEvidence(),
        List.of(new Link("纪实手册标记", "/api/units/" + unitCode + "/record/flags"))));
    BigDecimal total = parts.stream().map(Component::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal score = total.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    return new Result(score, parts);
  }

  private static Component rate(String key, String label, long done, long due, BigDecimal whenNothingDue,
      BigDecimal weight, List<Link> links) {
    BigDecimal rate = due == 0 ? whenNothingDue
        : BigDecimal.valueOf(done).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
    return new Component(key, label, done + "/" + due, rate, weight, points(rate, weight), links);
  }

  private static Component deduction(String key, String label, long count, BigDecimal each, List<Link> links) {
    return new Component(key, label, String.valueOf(count), null, each,
        each.multiply(BigDecimal.valueOf(count)).negate().setScale(2, RoundingMode.HALF_UP), links);
  }

  private static BigDecimal points(BigDecimal rate, BigDecimal weight) {
    return HUNDRED.multiply(weight).multiply(rate).setScale(2, RoundingMode.HALF_UP);
  }
}
