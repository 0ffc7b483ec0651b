package org.liangze.selfcheck;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.organisation.Officials;
import org.liangze.organisation.PersonRepository;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
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
 * A unit's self-check of a quarter, item by item, as a page: what the secretary signs off and the reviewer reviews,
 * linked from their forms (the API's JSON is for programs). Its evidence opens as files, its record entries in the
 * record manual. For the unit's own people and district supervisors.
 */
@Controller
class SelfCheckPageController implements Pages {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final SelfCheckService selfChecks;
  private final EvidenceFiles evidence;
  private final Officials officials;
  private final PersonRepository people;
  private final Clock clock;

  SelfCheckPageController(SelfCheckService selfChecks, EvidenceFiles evidence, Officials officials,
      PersonRepository people, Clock clock) {
    this.people = people;
    this.selfChecks = selfChecks;
    this.evidence = evidence;
    this.officials = officials;
    this.clock = clock;
  }

  /** The page's values, formatted. */
  public record Page(String unitCode, String unitName, String quarterLabel, boolean found, String status,
      List<Step> steps, String lastComment, List<Row> rows) {
  }

  public record Step(String label, String by, String at) {
  }

  /** {@code assessedBy}: the name of who assessed the row (the item's 责任人, or a staff member). */
  public record Row(int position, String item, String assessedBy, String status, boolean done, String note,
      List<Link> files, List<Link> entries) {
  }

  public record Link(String label, String url) {
  }

  @GetMapping("/pages/units/{unitCode}/self-checks")
  String selfCheck(@PathVariable String unitCode, @RequestParam(required = false) String quarter, Model model) {
    Quarter parsed = Quarter.parse(quarter);
    List<SelfCheck> found = selfChecks.visibleSelfChecks(officials.current(), unitCode, parsed.toString());
    String unitName = selfChecks.unitNameOf(unitCode);
    if (found.isEmpty()) {
      model.addAttribute("page", new Page(unitCode, unitName, parsed.label(), false, null, List.of(), null,
          List.of()));
      return "selfcheck/self-check";
    }
    SelfCheck check = found.get(0);
    Set<String> hashes = new HashSet<>();
    check.results().forEach(result -> hashes.addAll(result.evidence()));
    Map<String, EvidenceFile> files = evidence.describeAll(hashes, unitCode);
    Map<String, String> names = people.names();
    List<Row> rows = check.results().stream().map(result -> new Row(result.position(), result.item(),
        name(names, result.assessedBy()), result.status().label(), result.status() == AssessmentStatus.DONE, result.note(),
        result.evidence().stream().map(hash -> new Link(files.containsKey(hash) ? files.get(hash).originalName()
            : "文件 " + hash.substring(0, Math.min(8, hash.length())) + "…", "/api/evidence/" + hash)).toList(),
        result.recordEntries().stream().map(seq -> new Link("第" + seq + "条",
            "/pages/units/" + unitCode + "/record#entry-" + seq)).toList()))
        .toList();
    List<Step> steps = List.of(new Step("自查提交", name(names, check.submittedBy()), time(check.submittedAt())),
            new Step("纪检委员检查", name(names, check.inspectedBy()), time(check.inspectedAt())),
            new Step("书记审签", name(names, check.signedOffBy()), time(check.signedOffAt())),
            new Step("审核", name(names, check.reviewedBy()), time(check.reviewedAt())))
        .stream().filter(step -> step.at() != null).toList();
    model.addAttribute("page", new Page(unitCode, unitName, parsed.label(), true, check.status().label(), steps,
        check.lastComment(), rows));
    return "selfcheck/self-check";
  }

  private static String name(Map<String, String> names, String login) {
    String name = login == null ? null : names.get(login);
    return name == null || name.isBlank() ? login : name;
  }

  private String time(OffsetDateTime at) {
    return at == null ? null : MINUTES.format(at.atZoneSameInstant(clock.getZone()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看", "自查结果只对本单位人员和监督部门开放。");
  }
}
