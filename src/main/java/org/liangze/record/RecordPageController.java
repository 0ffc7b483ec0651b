package org.liangze.record;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.liangze.lists.ListService;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The record manual as a page to read in the browser (linked from Tasklist; the webapp login is enough). Read-only:
 * the page has links, no forms; the unit's people add entries on their own page ({@link RecordWorkPageController}). Refusals are pages too, since a person, not a program, is looking.
 */
@Controller
class RecordPageController implements Pages {

  private final RecordExports exports;
  private final RecordFlags flags;
  private final EvidenceFiles evidence;
  private final UnitRepository units;
  private final Officials officials;
  private final Checkpoints checkpoints;
  private final CheckpointVerifier checkpointVerifier;
  private final java.time.Clock clock;
  private final ListService lists;
  private final ProcessLabels processes;

  RecordPageController(RecordExports exports, RecordFlags flags, EvidenceFiles evidence, UnitRepository units,
      Officials officials, Checkpoints checkpoints, CheckpointVerifier checkpointVerifier, java.time.Clock clock,
      ListService lists, ProcessLabels processes) {
    this.lists = lists;
    this.processes = processes;
    this.checkpoints = checkpoints;
    this.checkpointVerifier = checkpointVerifier;
    this.clock = clock;
    this.exports = exports;
    this.flags = flags;
    this.evidence = evidence;
    this.units = units;
    this.officials = officials;
  }

  @GetMapping("/pages/units/{unitCode}/record")
  String manual(@PathVariable String unitCode, @RequestParam(required = false) String added, Model model) {
    Official reader = officials.current();
    ManualSnapshot manual = exports.snapshot(reader, unitCode);
    RecordFlags.Flags found = flags.of(unitCode);
    Map<String, String> unitNames = new HashMap<>();
    if (!found.evidenceSharedWith().isEmpty()) {
      units.findAllActive().forEach(unit -> unitNames.put(unit.code(), unit.name()));
    }
    Set<String> hashes = new HashSet<>(found.evidenceSharedWith().keySet());
    manual.entries().forEach(entry -> hashes.addAll(entry.evidence()));
    Map<String, String> fileNames = new HashMap<>();
    evidence.describeAll(hashes, unitCode).forEach((hash, file) -> fileNames.put(hash, file.originalName()));
    Map<String, String> evidenceNames = new HashMap<>();
    found.evidenceSharedWith().keySet().forEach(hash -> evidenceNames.put(hash, fileNames.getOrDefault(hash, hash)));
    model.addAttribute("page", ManualPage.of(manual, found, unitNames, evidenceNames, new ManualPage.Context(
        itemLabels(unitCode, manual), fileNames, processes.of(manual), reader.unitCodes().contains(unitCode),
        seq(added))));
    return "record/manual";
  }

  /** "共性清单第3项·主体责任·…" for the items the entries name, from the lists of the years they happened in. */
  private Map<Long, String> itemLabels(String unitCode, ManualSnapshot manual) {
    Set<Integer> years = new TreeSet<>();
    manual.entries().stream().filter(entry -> entry.listItemId() != null)
        .forEach(entry -> years.add(manual.local(entry.occurredAt()).getYear()));
    Map<Long, String> labels = new HashMap<>();
    years.forEach(year -> lists.effectiveItems(unitCode, year)
        .forEach(item -> labels.put(item.itemId(), item.origin().label() + "第" + item.position() + "项·"
            + item.category() + "：" + item.content())));
    return labels;
  }

  private static Long seq(String text) {
    return text != null && text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
  }

  /**
   * The signing key's public part and fingerprint, for everyone logged in (it is public by nature: the go-live
   * steps and the commission's offline verification need it); the checkpoints, their receipts and their
   * verification for district supervisors.
   */
  @GetMapping("/pages/record/checkpoints")
  String checkpoints(Model model) {
    boolean supervisor = officials.current().districtWide();
    CheckpointVerifier.Report report = supervisor ? checkpointVerifier.verifyAll() : null;
    model.addAttribute("page", new CheckpointPage(checkpoints.canSign(), checkpoints.publicKeyPem().orElse(null),
        checkpoints.keyId().orElse(null), supervisor,
        supervisor ? CheckpointPage.rows(checkpoints.list(), clock.getZone()) : java.util.List.of(),
        report == null || report.intact(),
        report == null ? java.util.List.of() : report.problems().stream()
            .map(problem -> "第" + problem.checkpointSeq() + "号：" + problem.label() + "（" + problem.detail() + "）")
            .toList()));
    return "record/checkpoints";
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看该单位的纪实手册", "纪实手册只对本单位人员、上级单位的书记、纪检委员和班子成员以及区纪委监委开放。");
  }
}
