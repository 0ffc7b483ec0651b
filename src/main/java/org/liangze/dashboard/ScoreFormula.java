package org.liangze.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit score formula (README "Scoring", worked examples in docs/scoring.md), version
 * {@link ScoringProperties#version()}, rules of 2026.2:
 *
 * <pre>
 * score = max(0, 100 × Σ weight × rate / Σ weight of the rates counted − Σ deductions), rounded to 2 decimals
 * </pre>
 *
 * Rates (0–1): timeliness = on-time tasks / (on-time + late); self-check = completed / due; rectification rate =
 * verified / opened; rectification speed = verified by the deadline / opened; evidence = manual entries with
 * evidence / manual entries; talks = min(1, talks / (talks per quarter × quarters)), a problem summons (问题约谈) is
 * no talk credit. A rate with nothing due (no task, no self-check, no rectification) is not counted: its weight leaves
 * the sum and the other weights are scaled up, so a unit that had nothing to do neither gains nor loses by it.
 * Evidence with no manual entry counts as 0 (nothing was recorded) and talks are always due. Deductions: per
 * accountability case with decided measures, whatever its source, by the heaviest form of those measures (a case
 * dismissed or found unfounded costs nothing); per COPYING flag on a tailored list; per evidence file shared with
 * another unit.
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

  /** The formula's numbers and rules as one canonical line, stored with the version so an old score stays explainable. */
  public String definition() {
    ScoringProperties.Weights w = numbers.weights();
    ScoringProperties.Deductions d = numbers.deductions();
    return "score = max(0, 100 * (" + plain(w.timeliness()) + " * timeliness + "
        + plain(w.selfCheck()) + " * selfCheck + "
        + plain(w.rectificationRate()) + " * rectificationRate + "
        + plain(w.rectificationSpeed()) + " * rectificationSpeed + "
        + plain(w.evidence()) + " * evidence + "
        + plain(w.talks()) + " * talks) / sum of the weights counted - ("
        + plain(d.firstFormCase()) + ", " + plain(d.secondFormCase()) + ", " + plain(d.thirdFormCase()) + ", "
        + plain(d.fourthFormCase()) + ") * decided cases by heaviest form 1-4 - "
        + plain(d.copyFlag()) + " * copyFlags - "
        + plain(d.reusedEvidence()) + " * reusedEvidence); talksPerQuarter = "
        + numbers.talksPerQuarter() + "; nothing due in timeliness/selfCheck/rectification = not counted;"
        + " empty evidence = 0; problem summons = no talk credit; undecided or dismissed cases = 0";
  }

  /**
   * One figure of a score: its rate or count, its weight (for a rate: its share after the rates not counted left the
   * sum; null when not counted), what it adds or takes off, and where its records are.
   */
  public record Component(String key, String label, String figure, BigDecimal rate, BigDecimal weight,
      BigDecimal points, List<Link> links) {
  }

  public record Link(String label, String url) {
  }

  public record Result(BigDecimal score, List<Component> components) {
  }

  /** A rate before scaling: done of due, or not counted (nothing due). */
  private record Rate(String key, String label, String figure, BigDecimal rate, BigDecimal weight, List<Link> links) {
  }

  public Result compute(String unitCode, Period period, ScoreInputs in) {
    ScoringProperties.Weights w = numbers.weights();
    ScoringProperties.Deductions d = numbers.deductions();
    String record = "/pages/units/" + unitCode + "/record";
    List<Rate> rates = new ArrayList<>();
    rates.add(rate("timeliness", "按时办结", in.onTimeTasks(), in.onTimeTasks() + in.lateTasks(), null,
        w.timeliness(), List.of(new Link("纪实手册（完成任务记录）", record),
            new Link("逾期任务", "/api/overdue"))));
    rates.add(rate("selfCheck", "季度自查完成", in.selfChecksCompleted(), in.selfChecks(), null,
        w.selfCheck(), List.of(new Link("季度自查", "/api/units/" + unitCode + "/self-checks"))));
    String rectifications = "/api/units/" + unitCode + "/rectifications";
    rates.add(rate("rectificationRate", "整改完成率", in.rectificationsVerified(), in.rectifications(), null,
        w.rectificationRate(), List.of(new Link("整改", rectifications))));
    rates.add(rate("rectificationSpeed", "按期整改", in.rectificationsOnTime(), in.rectifications(), null,
        w.rectificationSpeed(), List.of(new Link("整改", rectifications))));
    rates.add(rate("evidence", "佐证材料齐全", in.manualEntriesWithEvidence(), in.manualEntries(), BigDecimal.ZERO,
        w.evidence(), List.of(new Link("纪实手册", record))));
    long talksDue = (long) numbers.talksPerQuarter() * period.quarterCount();
    BigDecimal talkRate = BigDecimal.valueOf(Math.min(in.talks(), talksDue))
        .divide(BigDecimal.valueOf(talksDue), 4, RoundingMode.HALF_UP);
    rates.add(new Rate("talks", "开展谈话", in.talks() + "/" + talksDue
        + (in.problemSummons() > 0 ? "（另有问题约谈" + in.problemSummons() + "次，不计入）" : ""), talkRate, w.talks(),
        List.of(new Link("纪实手册（谈话记录）", record))));

    BigDecimal counted = rates.stream().filter(r -> r.rate() != null).map(Rate::weight)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    List<Component> parts = new ArrayList<>();
    for (Rate r : rates) {
      if (r.rate() == null || counted.signum() == 0) {
        parts.add(new Component(r.key(), r.label(), r.figure() + "（无应办事项，不计入）", null, null,
            BigDecimal.ZERO.setScale(2), r.links()));
      } else {
        BigDecimal share = r.weight().divide(counted, 4, RoundingMode.HALF_UP);
        BigDecimal points = HUNDRED.multiply(r.weight()).multiply(r.rate()).divide(counted, 2, RoundingMode.HALF_UP);
        parts.add(new Component(r.key(), r.label(), r.figure(), r.rate(), share, points, r.links()));
      }
    }
    BigDecimal caseDeduction = in.decidedCaseForms().stream().map(d::caseOfForm)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    parts.add(new Component("accountabilityCases", "问责案件（已决定问责措施）", casesFigure(in.decidedCaseForms()), null,
        null, caseDeduction.negate().setScale(2, RoundingMode.HALF_UP),
        List.of(new Link("已决定问责措施的案件", "/api/dashboard/units/" + unitCode + "/accountability?period=" + period))));
    List<Link> flagLinks = new ArrayList<>();
    in.copyFlaggedListIds().forEach(id -> flagLinks.add(new Link("被标记照搬的个性清单", "/api/lists/" + id)));
    parts.add(deduction("copyFlags", "清单照搬标记", in.copyFlags(), d.copyFlag(), flagLinks));
    parts.add(deduction("reusedEvidence", "佐证材料与他单位重复", in.reusedEvidence(), d.reusedEvidence(),
        List.of(new Link("纪实手册标记", "/api/units/" + unitCode + "/record/flags"))));
    BigDecimal total = parts.stream().map(Component::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal score = total.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    return new Result(score, parts);
  }

  private static String casesFigure(List<Integer> forms) {
    if (forms.isEmpty()) {
      return "0";
    }
    int[] byForm = new int[5];
    forms.forEach(form -> byForm[form]++);
    StringBuilder text = new StringBuilder().append(forms.size()).append("（");
    String[] names = {null, "第一种形态", "第二种形态", "第三种形态", "第四种形态"};
    String separator = "";
    for (int form = 1; form <= 4; form++) {
      if (byForm[form] > 0) {
        text.append(separator).append(names[form]).append(byForm[form]).append("件");
        separator = "，";
      }
    }
    return text.append("）").toString();
  }

  private static Rate rate(String key, String label, long done, long due, BigDecimal whenNothingDue,
      BigDecimal weight, List<Link> links) {
    BigDecimal rate = due == 0 ? whenNothingDue
        : BigDecimal.valueOf(done).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
    return new Rate(key, label, done + "/" + due, rate, weight, links);
  }

  private static Component deduction(String key, String label, long count, BigDecimal each, List<Link> links) {
    return new Component(key, label, String.valueOf(count), null, each,
        each.multiply(BigDecimal.valueOf(count)).negate().setScale(2, RoundingMode.HALF_UP), links);
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
