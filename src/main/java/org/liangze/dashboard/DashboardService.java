package org.liangze.dashboard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.accountability.DecidedCases;
import org.liangze.escalation.EscalationVariables;
import org.liangze.escalation.OverdueWork;
import org.liangze.escalation.WarningLevel;
import org.liangze.letter.LetterStatus;
import org.liangze.letter.LetterStatuses;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.record.RecordTallies;
import org.liangze.selfcheck.SelfCheckStatus;
import org.liangze.selfcheck.SelfCheckStatuses;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The supervision dashboard's figures for one viewer: the units they may see (a unit its own, supervisors and the
 * committee the district), each with its warning colour, overdue counts, campaign progress, score, trend and burden.
 * Scores are read as the score computation job stored them ({@link ScoreComputationProcess}), with the time they were
 * computed; a view computes and writes nothing.
 */
@Service
public class DashboardService {

  /** Variables the platform sets by itself on a task: not fields a person filled in. */
  private static final List<String> ENGINE_VARIABLES = List.of(EscalationVariables.OVERDUE,
      EscalationVariables.WARNING_LEVEL, EscalationVariables.TASK_OVERDUE);

  private final Scores scores;
  private final OverdueWork overdue;
  private final LetterStatuses letters;
  private final SelfCheckStatuses selfChecks;
  private final RecordTallies records;
  private final DecidedCases decidedCases;
  private final ScoreInputsReader inputs;
  private final UnitRepository units;
  private final Clock clock;

  DashboardService(Scores scores, OverdueWork overdue, LetterStatuses letters, SelfCheckStatuses selfChecks,
      RecordTallies records, DecidedCases decidedCases, ScoreInputsReader inputs, UnitRepository units,
      Clock clock) {
    this.scores = scores;
    this.overdue = overdue;
    this.letters = letters;
    this.selfChecks = selfChecks;
    this.records = records;
    this.decidedCases = decidedCases;
    this.inputs = inputs;
    this.units = units;
    this.clock = clock;
  }

  /** What the unit's people spent on the period's tasks (see {@link RecordTallies.TaskBurden}). */
  public record Burden(long tasksCompleted, double minutesSpent, long fieldsFilled) {
    static final Burden NONE = new Burden(0, 0, 0);

    static Burden of(RecordTallies.TaskBurden burden) {
      return new Burden(burden.tasks(), Math.round(burden.millis() / 6_000.0) / 10.0, burden.fields());
    }
  }

  public record UnitRow(String unitCode, String unitName, String unitType, String warning, String warningLabel,
      int red, int yellow, int blue, String letterStatus, boolean letterSigned, String selfCheckStatus,
      BigDecimal score, int rankInType, int unitsInType, BigDecimal yearScore, List<BigDecimal> trend,
      List<ScoreFormula.Component> components, Instant scoreComputedAt, Burden burden, int recordEntries,
      String recordUrl) {
  }

  public record Progress(int total, int done, String label) {
  }

  /**
   * The dashboard. {@code scoresComputedAt} is the oldest computation among the shown scores (null when none is
   * stored yet: the score computation job has not run for the period); {@code unscored} counts the units shown
   * without a score.
   */
  public record Dashboard(String period, String periodLabel, String year, Instant asOf, boolean districtWide,
      String formulaVersion, String formulaDefinition, Instant scoresComputedAt, int unscored,
      Map<WarningLevel, Integer> overdueTotals,
      Progress letters, Progress selfChecks, List<String> trendLabels, List<UnitRow> units,
      Map<Integer, Integer> measuresByForm) {

    /** When the shown scores were computed, in words (Beijing time). */
    public String scoresComputedLabel() {
      if (scoresComputedAt == null) {
        return "本期评分尚未计算（由评分计算任务定时计算）";
      }
      String at = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
          .format(scoresComputedAt.atZone(Period.BEIJING));
      return "评分计算于 " + at + (unscored > 0 ? "（另有" + unscored + "个单位尚未计算）" : "");
    }
  }

  /** The current quarter by the engine's clock, in Beijing time. */
  public Period currentQuarter() {
    return Period.quarterOf(LocalDate.ofInstant(clock.instant(), Period.BEIJING));
  }

  /** The dashboard for a viewer, with the quarter's and the year's scores as stored. Reads only. */
  public Dashboard of(Official viewer, Period quarter) {
    if (!quarter.isQuarter()) {
      throw new org.liangze.platform.InvalidInputException("看板按季度查看，例如 2026Q3");
    }
    Period year = new Period(quarter.year(), null);
    String version = scores.formula().version();
    List<Unit> activeUnits = units.findAllActive();
    // the quarter's scores in full (components, ranks); the year's and the trend's only as values, in one query
    Map<String, UnitScore> quarterScores = byUnit(scores.stored(quarter, version, activeUnits));
    List<Period> trendPeriods = new ArrayList<>();
    for (int q = 1; q <= quarter.quarter(); q++) {
      trendPeriods.add(new Period(quarter.year(), q));
    }
    List<Period> valuePeriods = new ArrayList<>(trendPeriods);
    valuePeriods.remove(quarter);
    valuePeriods.add(year);
    Map<Period, Map<String, BigDecimal>> values = scores.storedValues(valuePeriods, version);
    Map<String, BigDecimal> quarterValues = new HashMap<>();
    quarterScores.forEach((code, score) -> quarterValues.put(code, score.score()));
    values.put(quarter, quarterValues);
    Map<String, BigDecimal> yearScores = values.get(year);

    Map<String, OverdueWork.UnitOverdue> overdueByUnit = new HashMap<>();
    OverdueWork.Report report = overdue.report(viewer);
    report.units().forEach(u -> overdueByUnit.put(u.unitCode(), u));
    Map<String, LetterStatus> letterOfUnit = letters.ofYear(quarter.year());
    Map<String, SelfCheckStatus> selfCheckOfUnit = selfChecks.ofQuarter(quarter.toString());
    Map<String, RecordTallies.TaskBurden> burdens = records.taskBurdens(quarter.start(), quarter.end(),
        ENGINE_VARIABLES);
    Map<String, Integer> recordEntries = records.entryCounts();

    List<UnitRow> rows = new ArrayList<>();
    int lettersSigned = 0;
    int lettersTotal = 0;
    int checksDone = 0;
    int checksTotal = 0;
    Map<WarningLevel, Integer> totals = new EnumMap<>(WarningLevel.class);
    for (WarningLevel level : WarningLevel.values()) {
      totals.put(level, 0);
    }
    // the units ranked as stored, then any active unit the job has not scored yet (a unit added since its last run)
    List<Unit> shown = new ArrayList<>();
    Map<String, Unit> active = new java.util.LinkedHashMap<>();
    activeUnits.forEach(u -> active.put(u.code(), u));
    quarterScores.keySet().stream().map(active::get).filter(java.util.Objects::nonNull).forEach(shown::add);
    active.values().stream().filter(u -> !quarterScores.containsKey(u.code())).forEach(shown::add);
    Instant computedAt = null;
    int unscored = 0;
    for (Unit unit : shown) {
      String code = unit.code();
      if (!viewer.canSee(code)) {
        continue;
      }
      UnitScore score = quarterScores.get(code);
      if (score == null) {
        unscored++;
      } else if (computedAt == null || score.computedAt().isBefore(computedAt)) {
        computedAt = score.computedAt();
      }
      OverdueWork.UnitOverdue work = overdueByUnit.get(code);
      Map<WarningLevel, Integer> counts = work == null ? Map.of() : work.counts();
      int red = counts.getOrDefault(WarningLevel.RED, 0);
      int yellow = counts.getOrDefault(WarningLevel.YELLOW, 0);
      int blue = counts.getOrDefault(WarningLevel.BLUE, 0);
      totals.merge(WarningLevel.RED, red, Integer::sum);
      totals.merge(WarningLevel.YELLOW, yellow, Integer::sum);
      totals.merge(WarningLevel.BLUE, blue, Integer::sum);
      String warning = red > 0 ? "RED" : yellow > 0 ? "YELLOW" : blue > 0 ? "BLUE" : "GREEN";
      String warningLabel = switch (warning) {
        case "RED" -> WarningLevel.RED.label();
        case "YELLOW" -> WarningLevel.YELLOW.label();
        case "BLUE" -> WarningLevel.BLUE.label();
        default -> "正常";
      };
      LetterStatus letter = letterOfUnit.get(code);
      boolean signed = letter == LetterStatus.SIGNED || letter == LetterStatus.ARCHIVED;
      if (letter != null) {
        lettersTotal++;
        lettersSigned += signed ? 1 : 0;
      }
      SelfCheckStatus check = selfCheckOfUnit.get(code);
      if (check != null) {
        checksTotal++;
        checksDone += check == SelfCheckStatus.ACCEPTED || check == SelfCheckStatus.RECTIFIED ? 1 : 0;
      }
      List<BigDecimal> trend = trendPeriods.stream().map(p -> values.get(p).get(code)).toList();
      RecordTallies.TaskBurden burden = burdens.get(code);

      rows.add(new UnitRow(code, unit.name(), unit.type().label(), warning, warningLabel, red, yellow, blue,
          letterLabel(letter), signed,
          check == null ? "未开展" : check.label(),
          score == null ? null : score.score(), score == null ? 0 : score.rankInType(),
          score == null ? 0 : score.unitsInType(), yearScores.get(code), trend,
          score == null ? List.of() : score.components(), score == null ? null : score.computedAt(),
          burden == null ? Burden.NONE : Burden.of(burden), recordEntries.getOrDefault(code, 0),
          "/pages/units/" + code + "/record"));
    }
    return new Dashboard(quarter.toString(), quarter.label(), String.valueOf(quarter.year()), clock.instant(),
        viewer.districtWide(), version, scores.formula().definition(), computedAt, unscored, totals,
        new Progress(lettersTotal, lettersSigned, quarter.year() + "年度责任书签订"),
        new Progress(checksTotal, checksDone, quarter.label() + "自查审核通过"),
        trendPeriods.stream().map(Period::label).toList(), rows,
        decidedCases.measuresByForm(rows.stream().map(UnitRow::unitCode).toList()));
  }

  /** One unit's figures; a unit's people asking for another unit are refused. */
  public UnitRow unit(Official viewer, String unitCode, Period quarter) {
    if (!viewer.canSee(unitCode)) {
      throw new AccessDeniedException("无权查看该单位的看板数据");
    }
    return of(viewer, quarter).units().stream().filter(u -> u.unitCode().equals(unitCode)).findFirst()
        .orElseThrow(() -> new org.liangze.platform.NotFoundException("单位不存在或已撤销"));
  }

  /** The unit's accountability cases with measures decided in the period: the records behind its deduction. */
  public List<DecidedCases.DecidedCase> accountability(Official viewer, String unitCode, Period period) {
    if (!viewer.canSee(unitCode)) {
      throw new AccessDeniedException("无权查看该单位的问责案件");
    }
    return inputs.decidedCases(unitCode, period);
  }

  /** The ranking of the units the viewer may see, as stored for the period under the current formula. Reads only. */
  public List<UnitScore> ranking(Official viewer, Period period) {
    List<UnitScore> all = scores.stored(period);
    return all.stream().filter(s -> viewer.canSee(s.unitCode())).toList();
  }

  static String letterLabel(LetterStatus status) {
    if (status == null) {
      return "未下发";
    }
    return switch (status) {
      case ISSUED -> "待签订";
      case OBJECTED -> "有异议，修订中";
      case SIGNED -> "已签订";
      case ARCHIVED -> "已签订并归档";
    };
  }

  private static Map<String, UnitScore> byUnit(List<UnitScore> list) {
    Map<String, UnitScore> map = new java.util.LinkedHashMap<>();
    list.forEach(s -> map.put(s.unitCode(), s));
    return map;
  }
}
