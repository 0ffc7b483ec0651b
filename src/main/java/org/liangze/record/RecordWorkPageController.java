package org.liangze.record;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.lists.ResponsibilityList;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitPeople;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.liangze.platform.NotFoundException;
import org.liangze.platform.WebappSessions;
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
 * The record manual kept from a page: 我的清单 (the unit's effective list, for its people and its supervisors) and
 * the form on which the unit's people add a 履责纪实 entry with evidence uploaded from the browser (a phone's camera
 * too). The form sends through the platform's API ({@code POST /api/evidence}, {@code POST
 * /api/units/{unitCode}/record}), whose checks decide; nothing here writes. Opened from Tasklist, the form carries
 * the webapp session's CSRF token, so its requests ride on that login ({@link WebappSessions}). Supervisors read, never write: they get
 * no form.
 */
@Controller
class RecordWorkPageController implements Pages {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  /** What the file picker offers; the server judges the content (Apache Tika), not these. */
  static final String ACCEPT = "image/*,application/pdf,.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx";

  private final ListService lists;
  private final RecordManual manual;
  private final EvidenceFiles evidence;
  private final EvidenceProperties evidenceProperties;
  private final RecordProperties recordProperties;
  private final UnitRepository units;
  private final Officials officials;
  private final UnitPeople unitPeople;
  private final SupervisoryList supervisoryList;
  private final Clock clock;

  RecordWorkPageController(ListService lists, RecordManual manual, EvidenceFiles evidence,
      EvidenceProperties evidenceProperties, RecordProperties recordProperties, UnitRepository units,
      Officials officials, UnitPeople unitPeople, SupervisoryList supervisoryList, Clock clock) {
    this.unitPeople = unitPeople;
    this.supervisoryList = supervisoryList;
    this.lists = lists;
    this.manual = manual;
    this.evidence = evidence;
    this.evidenceProperties = evidenceProperties;
    this.recordProperties = recordProperties;
    this.units = units;
    this.officials = officials;
    this.clock = clock;
  }

  @GetMapping("/pages/units/{unitCode}/list")
  String list(@PathVariable String unitCode, @RequestParam(required = false) String year, Model model,
      HttpServletRequest request) {
    Official reader = officials.current();
    Unit unit = visibleUnit(reader, unitCode);
    int listYear = year(year);
    Map<Long, List<RecordEntry>> entriesByItem = new HashMap<>();
    manual.entriesOf(unit.code()).stream().filter(entry -> entry.listItemId() != null)
        .forEach(entry -> entriesByItem.computeIfAbsent(entry.listItemId(), id -> new ArrayList<>()).add(entry));
    Map<Responsibility, List<UnitListPage.Item>> byResponsibility = new HashMap<>();
    List<EffectiveItem> items = lists.effectiveItems(unit.code(), listYear);
    Optional<ResponsibilityList> common = lists.commonListOf(unit.code(), listYear);
    Optional<ResponsibilityList> tailored = lists.tailoredList(unit.code(), listYear);
    List<UnitPeople.Member> members = unitPeople.of(unit.code());
    Map<String, String> names = new HashMap<>();
    members.forEach(member -> names.put(member.userId(), member.name()));
    boolean canAssign = reader.isMemberOf(Groups.of(Role.SECRETARY, unit.code()));
    for (EffectiveItem item : items) {
      ListItem details = details(item.origin() == ListKind.COMMON ? common : tailored, item.position());
      List<RecordEntry> recorded = entriesByItem.getOrDefault(item.itemId(), List.of());
      String last = recorded.stream().map(RecordEntry::occurredAt).max(java.util.Comparator.naturalOrder())
          .map(at -> DAY.format(at.atZone(zone()))).orElse(null);
      byResponsibility.computeIfAbsent(item.responsibility(), r -> new ArrayList<>()).add(new UnitListPage.Item(
          item.itemId(), item.origin().label() + "第" + item.position() + "项", item.category(), item.content(),
          details == null ? null : details.measures(), details == null ? null : details.riskPoint(),
          details == null ? null : details.frequency(), details == null ? null : details.evidenceRequired(),
          recorded.size(), last, item.responsiblePerson(), names.get(item.responsiblePerson()),
          item.responsibleLeader(), names.get(item.responsibleLeader()),
          canAssign && item.origin() == ListKind.COMMON));
    }
    List<UnitListPage.Group> groups = Arrays.stream(Responsibility.values())
        .map(responsibility -> new UnitListPage.Group(responsibility.label(), note(responsibility),
            byResponsibility.getOrDefault(responsibility, List.of())))
        .toList();
    model.addAttribute("page", new UnitListPage(unit.code(), unit.name(), listYear,
        reader.unitCodes().contains(unit.code()), groups, items.size(), canAssign,
        members.stream().map(member -> new UnitListPage.Person(member.label(), member.userId())).toList(),
        members.stream().filter(UnitPeople.Member::isLeader)
            .map(member -> new UnitListPage.Person(member.label(), member.userId())).toList(),
        canAssign ? WebappSessions.csrfToken(request).orElse(null) : null));
    return "record/list";
  }

  /** 监督清单: the 纪检委员's own supervisory items with their entries and flags; read only for other supervisors. */
  @GetMapping("/pages/units/{unitCode}/supervisory-list")
  String supervisoryList(@PathVariable String unitCode, @RequestParam(required = false) String year, Model model) {
    Official reader = officials.current();
    Unit unit = visibleUnit(reader, unitCode);
    int listYear = year(year);
    List<SupervisoryList.Item> items = supervisoryList.of(reader, unit.code(), listYear);
    model.addAttribute("page", new SupervisoryListPage(unit.code(), unit.name(), listYear,
        reader.unitCodes().contains(unit.code()), reader.isMemberOf(Groups.of(Role.INSPECTOR, unit.code())), items,
        items.stream().mapToInt(item -> item.entries().size()).sum(),
        items.stream().mapToInt(SupervisoryList.Item::flagCount).sum()));
    return "record/supervisory-list";
  }

  @GetMapping("/pages/units/{unitCode}/record/new")
  String newEntry(@PathVariable String unitCode, @RequestParam(required = false) String item, Model model,
      HttpServletRequest request) {
    Official writer = officials.current();
    if (!writer.unitCodes().contains(unitCode)) {
      throw new AccessDeniedException(writer.userId() + " does not write unit " + unitCode + "'s record");
    }
    Unit unit = units.findByCode(unitCode).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
    int year = LocalDate.now(clock).getYear();
    Long asked = itemId(item);
    List<EffectiveItem> items = lists.effectiveItems(unit.code(), year);
    Long selected = asked != null && items.stream().anyMatch(candidate -> candidate.itemId() == asked) ? asked : null;
    List<NewEntryPage.ItemGroup> groups = Arrays.stream(Responsibility.values())
        .map(responsibility -> new NewEntryPage.ItemGroup(responsibility.label(), items.stream()
            .filter(candidate -> candidate.responsibility() == responsibility)
            .map(candidate -> new NewEntryPage.Option(String.valueOf(candidate.itemId()),
                candidate.origin().label() + "第" + candidate.position() + "项·" + candidate.category() + "："
                    + candidate.content()))
            .toList()))
        .filter(group -> !group.options().isEmpty())
        .toList();
    List<NewEntryPage.Option> kinds = Arrays.stream(EntryKind.values()).filter(EntryKind::isManual)
        .map(kind -> new NewEntryPage.Option(kind.name(), kind.label())).toList();
    List<NewEntryPage.UploadedFile> uploaded = evidence.uploadedBy(unit.code()).stream()
        .map(file -> new NewEntryPage.UploadedFile(file.contentHash(), file.originalName(), size(file.sizeBytes()),
            DAY.format(file.uploadedAt().atZone(zone()))))
        .toList();
    long maxBytes = evidenceProperties.maxSize().toBytes();
    model.addAttribute("page", new NewEntryPage(unit.code(), unit.name(), year, kinds, groups, selected, uploaded,
        LOCAL_MINUTE.format(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES)),
        recordProperties.lateEntryDays(), maxBytes, size(maxBytes), ACCEPT, ManualEntries.MAX_SUMMARY,
        zone().getRules().getOffset(clock.instant()).getId().replace("Z", "+00:00"),
        WebappSessions.csrfToken(request).orElse(null)));
    return "record/new-entry";
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权操作",
        "清单和纪实手册只对本单位人员和上级监督部门开放；履责纪实只能由本单位人员记录，监督部门只查看、不修改。");
  }

  private Unit visibleUnit(Official reader, String unitCode) {
    // visibility before existence: a unit's people cannot probe which other unit codes exist
    if (!reader.canSee(unitCode)) {
      throw new AccessDeniedException(reader.userId() + " cannot see unit " + unitCode);
    }
    return units.findByCode(unitCode).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
  }

  private int year(String text) {
    if (text == null || text.isBlank()) {
      return LocalDate.now(clock).getYear();
    }
    return FormInputs.year(text);
  }

  private static Long itemId(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.strip().matches("\\d{1,18}")) {
      throw new InvalidInputException("清单事项编号不正确");
    }
    return Long.parseLong(text.strip());
  }

  private static ListItem details(Optional<ResponsibilityList> list, int position) {
    return list.map(ResponsibilityList::items)
        .filter(items -> position >= 1 && position <= items.size())
        .map(items -> items.get(position - 1))
        .orElse(null);
  }

  private static String note(Responsibility responsibility) {
    return responsibility == Responsibility.MAIN
        ? "党组织书记是第一责任人，班子成员对分管领域负主要领导责任（一岗双责）。"
        : "纪检组织（纪检委员）履行监督责任，监督本单位落实主体责任。";
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  private static String size(long bytes) {
    return EvidenceFiles.sizeLabel(bytes);
  }
}
