package org.liangze.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.liangze.escalation.Escalations;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.NotFoundException;
import org.liangze.record.Checkpoints;
import org.liangze.record.RecordManual;
import org.liangze.rectification.Rectifications;
import org.liangze.selfcheck.SelfCheckService;
import org.liangze.talk.Talks;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Half-year reports (半年报告): the platform drafts each unit's report from its record manual and escalation trace
 * of the half-year, and from its self-checks, rectifications and talks ({@link DraftSections}), the unit edits it, the secretary signs it, the commission accepts it; when every unit is done
 * a district summary is compiled. Every step moves a report on only from the status it expects.
 */
@Service
public class HalfYearReports {

  static final int MAX_TEXT = 20000;

  private final ReportRepository reports;
  private final RecordManual record;
  private final Escalations escalations;
  private final UnitRepository units;
  private final Checkpoints checkpoints;
  private final SelfCheckService selfChecks;
  private final Rectifications rectifications;
  private final Talks talks;
  private final Clock clock;

  HalfYearReports(ReportRepository reports, RecordManual record, Escalations escalations, UnitRepository units,
      Checkpoints checkpoints, SelfCheckService selfChecks, Rectifications rectifications, Talks talks,
      Clock clock) {
    this.checkpoints = checkpoints;
    this.selfChecks = selfChecks;
    this.rectifications = rectifications;
    this.talks = talks;
    this.reports = reports;
    this.record = record;
    this.escalations = escalations;
    this.units = units;
    this.clock = clock;
  }

  /** The units a campaign asks for reports: every active unit (the multi-instance collection). */
  public List<String> unitCodes() {
    return units.findAllActive().stream().map(Unit::code).toList();
  }

  public String unitNameOf(String unitCode) {
    return units.findByCode(unitCode).map(Unit::name).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
  }

  /** Drafts the unit's report, or returns the one drafted before (a retried step drafts nothing twice). */
  @Transactional
  public long draft(String unitCode, String periodText) {
    HalfYear period = HalfYear.parse(periodText);
    return reports.find(unitCode, period.toString()).map(ReportRepository.Report::id).orElseGet(() -> {
      ReportFigures figures = figuresOf(unitCode, period);
      return reports.insertDraft(unitCode, period.toString(), figures.text(),
          draftText(unitNameOf(unitCode), period, figures, checkpointLine(unitCode, period),
              sectionsOf(unitCode, period)), clock.instant());
    });
  }

  ReportFigures figuresOf(String unitCode, HalfYear period) {
    ZoneId zone = clock.getZone();
    return ReportFigures.count(record.entriesOf(unitCode), escalations.stepsOf(unitCode), period.start(zone),
        period.end(zone));
  }

  DraftSections sectionsOf(String unitCode, HalfYear period) {
    return DraftSections.of(period, clock.getZone(), selfChecks.selfChecksOf(unitCode),
        rectifications.rectificationsOf(unitCode), talks.talksOf(unitCode), LocalDate.now(clock));
  }

  public String figuresText(long reportId) {
    return report(reportId).figures();
  }

  public String draftTextOf(long reportId) {
    return report(reportId).draftText();
  }

  @Transactional
  public void submit(long reportId, String text) {
    reports.submit(reportId, required(text, "请填写报告正文"));
  }

  @Transactional
  public void sign(long reportId, String userId) {
    reports.sign(reportId, userId, clock.instant());
  }

  @Transactional
  public void accept(long reportId, String userId) {
    reports.accept(reportId, userId, clock.instant());
  }

  @Transactional
  public void returnToDraft(long reportId) {
    reports.returnToDraft(reportId);
  }

  /** Compiles the district summary once every report of the half-year is in; compiles nothing twice. */
  @Transactional
  public void compileSummary(String periodText) {
    HalfYear period = HalfYear.parse(periodText);
    if (reports.summaryExists(period.toString())) {
      return;
    }
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>")
        .append(period.label()).append("全区“两个责任”落实情况汇总</title></head><body><h1>").append(period.label())
        .append("全区“两个责任”落实情况汇总</h1>");
    List<ReportRepository.Report> all = reports.ofPeriod(period.toString());
    html.append("<p>共").append(all.size()).append("个单位报送半年报告。</p>");
    for (ReportRepository.Report report : all) {
      html.append("<h2>").append(escape(unitNameOf(report.unitCode()))).append("</h2><p>")
          .append(escape(report.figures())).append("</p><pre>")
          .append(escape(report.finalText() == null ? report.draftText() : report.finalText())).append("</pre>");
    }
    reports.insertSummary(period.toString(), html.append("</body></html>").toString(), clock.instant());
  }

  public String summary(Official official, String periodText) {
    if (!official.districtWide()) {
      throw new AccessDeniedException("Only supervisors read the district summary");
    }
    HalfYear period = HalfYear.parse(periodText);
    return reports.summary(period.toString())
        .orElseThrow(() -> new NotFoundException(period.label() + "全区汇总尚未生成"));
  }

  public ReportRepository.Report visibleReport(Official official, String unitCode, String periodText) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Report of unit " + unitCode + " is not visible to the caller");
    }
    return reports.find(unitCode, HalfYear.parse(periodText).toString())
        .orElseThrow(() -> new NotFoundException("该单位本半年度报告不存在"));
  }

  private ReportRepository.Report report(long id) {
    return reports.find(id).orElseThrow(() -> new NotFoundException("报告不存在"));
  }

  /**
   * The signed checkpoint the report's figures rest on: the newest when the report is drafted. With the default
   * schedules (checkpoint 00:30 daily, reports 01:00 on the half-year's first day) it was made after the half-year
   * ended and covers every entry recorded in it; one made before the end covers the entries up to its time only,
   * and the line says so.
   */
  private String checkpointLine(String unitCode, HalfYear period) {
    return checkpoints.coverage(unitCode).map(coverage -> "纪实手册签名检查点：第" + coverage.checkpointSeq() + "号（"
        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(coverage.createdAt()
            .atZone(clock.getZone())) + "，根哈希 " + coverage.rootHash().substring(0, 16) + "…），"
        + (coverage.coveredSeq() == 0 ? "本单位当时尚无记录" : "覆盖本单位第1–" + coverage.coveredSeq() + "条记录")
        + (coverage.createdAt().isBefore(period.end(clock.getZone())) ? "（制作于本半年度结束前，其后的记录尚未纳入）" : "")
        + "。").orElse("纪实手册签名检查点：尚无。");
  }

  private static String draftText(String unitName, HalfYear period, ReportFigures figures, String checkpoint,
      DraftSections sections) {
    return unitName + period.label() + "落实党风廉政建设“两个责任”情况报告\n\n"
        + "一、履责基本情况\n" + figures.text() + "\n" + checkpoint + "\n\n"
        + "二、主要做法和成效\n" + lines(sections.practice()) + "（请结合纪实手册补充）\n\n"
        + "三、存在的问题\n" + lines(sections.problems()) + "（请如实填写，含逾期事项及原因）\n\n"
        + "四、下一步工作打算\n（请填写）\n";
  }

  private static String lines(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static String required(String text, String message) {
    return FormInputs.requiredText(text, MAX_TEXT, message, "内容过长，最多" + MAX_TEXT + "字");
  }


  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
