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
import org.liangze.escalation.OverdueWork;
import org.liangze.escalation.WarningLevel;
import org.liangze.organisation.Official;
import org.liangze.selfcheck.SelfCheckStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The supervision dashboard's figures for one viewer: the units they may see (a unit its own, supervisors and the
 * committee the district), each with its warning colour, overdue counts, campaign progress, score, trend and burden.
 */
@Service
public class DashboardService {

  private final Scores scores;
  private final OverdueWork overdue;
  private final DashboardRepository repository;
  private final ScoreInputsRepository inputs;
  private final Clock clock;

  DashboardService(Scores scores, OverdueWork overdue, DashboardRepository repository, ScoreInputsRepository inputs,
      Clock clock) {
    this.scores = scores;
    this.overdue = overdue;
    this.repository = repository;
    this.inputs = inputs;
    this.clock = clock;
  }

  public record Burden(long tasksCompleted, double minutesSpent, long fieldsFilled) {
  }

  public record UnitRow(String unitCode, String unitName, String unitType, String warning, String warningLabel,
      int red, int yellow, int blue, String letterStatus, boolean letterSigned, String selfCheckStatus,
      BigDecimal score, int rankInType, int unitsInType, BigDecimal yearScore, List<BigDecimal> trend,
      List<ScoreFormula.Component> components, Burden burden, int recordEntries, String recordUrl) {
  }

  public record Progress(int total, int done, String label) {
  }

  public record Dashboard(String period, String periodLabel, String year, Instant asOf, boolean districtWide,
      String formulaVersion, String formulaDefinition, Map<WarningLevel, Integer> overdueTotals,
      Progress letters, Progress selfChecks, List<String> trendLabels, List<UnitRow> units,
      Map<Integer, Integer> measuresByForm) {
  }

  /** The current quarter by the engine's clock, in Beijing time. */
  public Period currentQuarter() {
    return Period.quarterOf(LocalDate.ofInstant(clock.instant(), Period.BEIJING));
  }

  /** The dashboard for a viewer; computes and stores the quarter's and the year's scores first. */
  public Dashboard of(Official viewer, Period quarter) {
    if (!quarter.isQuarter()) {
      throw new org.liangze.platform.InvalidInputException("看板按季度查看，例如 2026Q3");
    }
    Period year = new Period(quarter.year(), null);
    String version = scores.formula().version();
    Map<String, UnitScore> quarterScores = byUnit(scores.compute(quarter));
    Map<String, UnitScore> yearScores = byUnit(scores.compute(year));
    List<Period> trendPeriods = new ArrayList<>();
    for (int q = 1; q <= quarter.quarter(); q++) {
      trendPeriods.add(new Period(quarter.year(), q));
    }
    Map<String, Map<String, UnitScore>> trendScores = new HashMap<>();
    for (Period p : trendPeriods) {
      List<UnitScore> stored = scores.stored(p, version);
      // an earlier quarter never scored under this version is scored once; after that it stays as stored
      trendScores.put(p.toString(), byUnit(stored.isEmpty() ? scores.compute(p) : stored));
    }

    Map<String, OverdueWork.UnitOverdue> overdueByUnit = new HashMap<>();
    OverdueWork.Report report = overdue.report(viewer);
    report.units().forEach(u -> overdueByUnit.put(u.unitCode(), u));
    Map<String, String> letters = repository.letterStatuses(quarter.year());
    Map<String, String> selfChecks = repository.selfCheckStatuses(quarter.toString());
    Map<String, DashboardRepository.Burden> burdens = repository.burdens(quarter);
    Map<String, Integer> recordEntries = repository.recordEntryCounts();

    List<UnitRow> rows = new ArrayList<>();
    int lettersSigned = 0;
    int lettersTotal = 0;
    int checksDone = 0;
    int checksTotal = 0;
    Map<WarningLevel, Integer> totals = new EnumMap<>(WarningLevel.class);
    for (WarningLevel level : WarningLevel.values()) {
      totals.put(level, 0);
    }
    for (UnitScore score : quarterScores.values()) {
      String code = score.unitCode();
      if (!viewer.canSee(code)) {
        continue;
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
      String letter = letters.get(code);
      boolean signed = "SIGNED".equals(letter) || "ARCHIVED".equals(letter);
      if (letter != null) {
        lettersTotal++;
        lettersSigned += signed ? 1 : 0;
      }
      String check = selfChecks.get(code);
      if (check != null) {
        checksTotal++;
        checksDone += "ACCEPTED".equals(check) || "RECTIFIED".equals(check) ? 1 : 0;
      }
      List<BigDecimal> trend = trendPeriods.stream()
          .map(p -> {
            UnitScore s = trendScores.get(p.toString()).get(code);
            return s == null ? null : s.score();
          }).toList();
      DashboardRepository.Burden burden = burdens.getOrDefault(code, DashboardRepository.Burden.NONE);
      UnitScore yearScore = yearScores.get(code);
      rows.add(new UnitRow(code, score.unitName(), score.unitTypeLabel(), warning, warningLabel, red, yellow, blue,
          letterLabel(letter), signed,
          check == null ? "未开展" : SelfCheckStatus.valueOf(check).label(), score.score(), score.rankInType(),
          score.unitsInType(), yearScore == null ? null : yearScore.score(), trend, score.components(),
          new Burden(burden.tasks(), burden.minutes(), burden.fields()), recordEntries.getOrDefault(code, 0),
          "/pages/units/" + code + "/record"));
    }
    return new Dashboard(quarter.toString(), quarter.label(), String.valueOf(quarter.year()), clock.instant(),
        viewer.districtWide(), version, scores.formula().definition(), totals,
        new Progress(lettersTotal, lettersSigned, quarter.year() + "年度责任书签订"),
        new Progress(checksTotal, checksDone, quarter.label() + "自查审核通过"),
        trendPeriods.stream().map(Period::label).toList(), rows,
        repository.measuresByForm(rows.stream().map(UnitRow::unitCode).toList()));
  }

  /** One unit's figures; a unit's people asking for another unit are refused. */
  public UnitRow unit(Official viewer, String unitCode, Period quarter) {
    if (!viewer.canSee(unitCode)) {
      throw new AccessDeniedException("无权查看该单位的看板数据");
    }
    return of(viewer, quarter).units().stream().filter(u -> u.unitCode().equals(unitCode)).findFirst()
        .orElseThrow(() -> new org.liangze.platform.NotFoundException("单位不存在：" + unitCode));
  }

  public List<ScoreInputsRepository.AccountabilityCase> accountability(Official viewer, String unitCode,
      Period period) {
    if (!viewer.canSee(unitCode)) {
      throw new AccessDeniedException("无权查看该单位的问责建议");
    }
    return inputs.accountabilityCases(unitCode, period);
  }

  /** The ranking of the units the viewer may see, as stored for the period under the current formula. */
  public List<UnitScore> ranking(Official viewer, Period period) {
    List<UnitScore> all = scores.compute(period);
    return all.stream().filter(s -> viewer.canSee(s.unitCode())).toList();
  }

  static String letterLabel(String status) {
    if (status == null) {
      return "未下发";
    }
    return switch (status) {
      case "ISSUED" -> "待签订";
      case "OBJECTED" -> "有异议，修订中";
      case "SIGNED" -> "已签订";
      case "ARCHIVED" -> "已签订并归档";
      default -> status;
    };
  }

  private static Map<String, UnitScore> byUnit(List<UnitScore> list) {
    Map<String, UnitScore> map = new java.util.LinkedHashMap<>();
    list.forEach(s -> map.put(s.unitCode(), s));
    return map;
  }
}
