package org.liangze.accountability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.NotFoundException;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordManual;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The written decision (问责决定书): numbered per year (区纪问决〔2026〕1号), with the subjects, the facts, the basis, the
 * measures and the way to appeal; stored as an evidence file of the unit and delivered by a record-manual entry
 * that cites it.
 */
@Service
public class CaseDecisions {

  static final String TITLE = "问责决定书";
  static final String APPEAL_ROUTE = "被问责的党组织或者领导干部对问责决定不服的，可以自收到本决定书之日起一个月内，"
      + "向作出问责决定的党组织提出书面申诉。申诉期间，不停止问责决定的执行。";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final AccountabilityRepository cases;
  private final ProcedureRepository procedure;
  private final UnitRepository units;
  private final DecisionPdf pdf;
  private final EvidenceFiles evidence;
  private final RecordManual manual;
  private final Clock clock;
  private final String issuer;

  CaseDecisions(AccountabilityRepository cases, ProcedureRepository procedure, UnitRepository units, DecisionPdf pdf,
      EvidenceFiles evidence, RecordManual manual, Clock clock, org.liangze.organisation.DistrictProperties district) {
    this.issuer = "中共" + district.name() + "纪律检查委员会";
    this.cases = cases;
    this.procedure = procedure;
    this.units = units;
    this.pdf = pdf;
    this.evidence = evidence;
    this.manual = manual;
    this.clock = clock;
  }

  public record Issued(String number, String fileHash) {
  }

  /** Writes, numbers, stores and delivers the case's decision (once: a retry returns the decision issued). */
  @Transactional
  public Issued issue(long caseId, String processInstanceId) {
    var existing = procedure.decision(caseId);
    if (existing.isPresent()) {
      return new Issued(existing.get().number(), existing.get().fileHash());
    }
    AccountabilityCase found = cases.findCase(caseId).orElseThrow(() -> new NotFoundException("问责案件不存在"));
    LocalDate today = LocalDate.now(clock);
    int seq = procedure.nextDecisionSeq(today.getYear());
    String number = "区纪问决〔" + today.getYear() + "〕" + seq + "号";
    byte[] document = pdf.write(TITLE, number, sections(found), issuer, DATE.format(today));
    List<CaseMeasure> measures = cases.measures(caseId);
    String decider = measures.stream().map(CaseMeasure::decidedBy).filter(java.util.Objects::nonNull).findFirst()
        .orElse("system");
    EvidenceFile file = evidence.store(TITLE + "-" + number + ".pdf", document, decider, List.of(found.unitCode()));
    Instant now = clock.instant();
    procedure.insertDecision(caseId, today.getYear(), seq, number, file.contentHash(), now);
    manual.append(new NewEntry(found.unitCode(), EntryKind.OTHER, null, decider, now,
        "送达" + TITLE + "（" + number + "）：" + measures.stream().filter(CaseMeasure::inForce)
            .map(m -> m.subjectName() + "，" + m.finalMeasure()).collect(Collectors.joining("；")),
        null, processInstanceId, null, List.of(file.contentHash())));
    return new Issued(number, file.contentHash());
  }

  List<DecisionPdf.Section> sections(AccountabilityCase found) {
    String unitName = units.findByCode(found.unitCode()).map(Unit::name).orElse(found.unitCode());
    List<CaseSubject> subjects = cases.subjects(found.id());
    List<DecisionPdf.Section> sections = new ArrayList<>();
    sections.add(new DecisionPdf.Section("一、问责对象", subjects.stream()
        .map(s -> s.name() + "（" + (s.leader() ? "领导干部，" + tier(s.tier()) : "党组织") + "，"
            + ("MAIN".equals(s.responsibility()) ? "主体责任" : "监督责任") + "）")
        .toList()));
    List<String> facts = new ArrayList<>();
    facts.add("问责事由：" + unitName + "，" + found.cause());
    for (Investigation investigation : cases.investigations(found.id())) {
      String label = "MAIN".equals(investigation.responsibility()) ? "主体责任" : "监督责任";
      facts.add(label + "调查认定：" + investigation.facts());
      facts.add(label + "调查结论：" + investigation.findings());
    }
    subjects.stream().filter(s -> s.finding() != null).forEach(s -> facts.add(s.name() + "：" + s.finding()));
    Map<Long, List<ProcedureRepository.Point>> points = procedure.points(found.id()).stream()
        .collect(Collectors.groupingBy(ProcedureRepository.Point::subjectId));
    for (ProcedureRepository.Defence defence : procedure.defences(found.id())) {
      String name = subjects.stream().filter(s -> s.id() == defence.subjectId()).map(CaseSubject::name).findFirst()
          .orElse("");
      facts.add(name + "陈述和申辩：" + (defence.waived() ? "放弃" : defence.statement()));
      points.getOrDefault(defence.subjectId(), List.of()).forEach(p -> facts.add("  申辩意见“" + p.point() + "”："
          + (Boolean.TRUE.equals(p.adopted()) ? "予以采纳" : "不予采纳") + "，理由：" + p.reason()));
    }
    sections.add(new DecisionPdf.Section("二、事实", facts));
    List<String> basis = new ArrayList<>();
    basis.add("依据《中国共产党问责条例》（2019年修订）第七条、第八条、第十七条至第二十条和《中国共产党纪律处分条例》。");
    cases.measures(found.id()).forEach(m -> basis.add(m.subjectName() + "：" + m.note()));
    sections.add(new DecisionPdf.Section("三、依据", basis));
    sections.add(new DecisionPdf.Section("四、问责方式", cases.measures(found.id()).stream().filter(CaseMeasure::inForce)
        .map(m -> m.subjectName() + "：" + m.finalMeasure() + (m.finalForm() == null ? "" : "（" + Measures.formLabel(
            m.finalForm()) + "）") + (m.consequenceEndsOn() == null ? "" : "，影响期至" + DATE.format(
            m.consequenceEndsOn())))
        .toList()));
    sections.add(new DecisionPdf.Section("五、申诉途径", List.of(APPEAL_ROUTE)));
    return sections;
  }

  private static String tier(String tier) {
    return "PRINCIPAL".equals(tier) ? "主要领导责任" : "IMPORTANT".equals(tier) ? "重要领导责任" : "全面领导责任";
  }

  public record Document(String number, byte[] content) {
  }

  /** The decision's PDF, for district supervisors and the people of the unit held accountable. */
  public Document document(Official official, long caseId) {
    AccountabilityCase found = cases.findCase(caseId).orElseThrow(() -> new NotFoundException("问责案件不存在"));
    if (!official.districtWide() && !official.canSee(found.unitCode())) {
      throw new AccessDeniedException("The decision belongs to another unit");
    }
    ProcedureRepository.Decision decision = procedure.decision(caseId)
        .orElseThrow(() -> new NotFoundException("本案尚未作出问责决定书"));
    return new Document(decision.number(), evidence.content(official, decision.fileHash()));
  }

  public java.util.Optional<String> numberOf(long caseId) {
    return procedure.decision(caseId).map(ProcedureRepository.Decision::number);
  }
}
