package org.liangze.lists;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.UnitType;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists over HTTP. Starting a formulation runs as the caller in the engine, so only those Camunda lets start it
 * (the discipline commission, unit secretaries for their own unit) can. A unit's lists are read by its own people
 * and the district's supervisors; the common list by everyone.
 */
@RestController
@RequestMapping("/api")
class ListController {

  private final ListFormulations formulations;
  private final ListFormulationService formulation;
  private final ListService lists;
  private final Officials officials;
  private final PersonRepository people;

  ListController(ListFormulations formulations, ListFormulationService formulation, ListService lists,
      Officials officials, PersonRepository people) {
    this.people = people;
    this.formulations = formulations;
    this.formulation = formulation;
    this.lists = lists;
    this.officials = officials;
  }

  /** The year comes as text so that a malformed one gets the platform's own message, not a parser's. */
  record StartRequest(String unitCode, String year) {
  }

  /** An item; a tailored item names its 责任人 and 责任领导 by login and by name (null on common items). */
  record ItemView(int position, Responsibility responsibility, String responsibilityLabel, String category,
      String content, String measures, String riskPoint, String frequency, String evidenceRequired,
      String responsiblePerson, String responsiblePersonName, String responsibleLeader, String responsibleLeaderName) {

    static List<ItemView> of(List<ListItem> items, Map<String, String> names) {
      List<ItemView> views = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        views.add(of(i + 1, items.get(i), names));
      }
      return views;
    }

    static ItemView of(int position, ListItem item, Map<String, String> names) {
      return new ItemView(position, item.responsibility(), item.responsibility().label(), item.category(),
          item.content(), item.measures(), item.riskPoint(), item.frequency(), item.evidenceRequired(),
          item.responsiblePerson(), item.responsiblePerson() == null ? null : names.get(item.responsiblePerson()),
          item.responsibleLeader(), item.responsibleLeader() == null ? null : names.get(item.responsibleLeader()));
    }
  }

  /**
   * An item of the caller's own work: they are its 责任人, or its 责任领导 (a team member's 分管领域, 一岗双责), or
   * both.
   */
  record MyItemView(String unitCode, long listId, ListKind origin, boolean responsiblePerson,
      boolean responsibleLeader, ItemView item) {
  }

  record ListView(long id, ListKind kind, String unitCode, int year, int version, ListStatus status,
      OffsetDateTime publishedAt, String reviewComment, List<ItemView> items, ListDiff changes,
      String changeSummary, List<QualityFlag> qualityFlags, UnitType unitType, String kindLabel) {
  }

  /** An item of a unit's effective list; common items are the district's and cannot be removed by the unit. */
  record EffectiveItemView(ListKind origin, String originLabel, boolean removableByUnit, ItemView item) {
  }

  record EffectiveListView(String unitCode, int year, Long commonListId, Long tailoredListId,
      Integer tailoredVersion, List<EffectiveItemView> items) {
  }

  @PostMapping("/list-formulations")
  ResponseEntity<ListFormulations.Started> start(@RequestBody StartRequest request) {
    ListFormulations.Started started = formulations.start(request.unitCode(), request.year());
    return ResponseEntity.created(URI.create("/api/units/" + started.unitCode() + "/effective-list?year="
        + started.year())).body(started);
  }

  /** A list with what it changed against the previous version, and for tailored lists the quality findings. */
  @GetMapping("/lists/{id}")
  ListView list(@PathVariable long id) {
    ResponsibilityList list = lists.list(id);
    if (list.unitCode() != null && !officials.current().canSee(list.unitCode())) {
      throw new AccessDeniedException("List " + id + " belongs to another unit");
    }
    boolean draft = list.status() == ListStatus.DRAFT || list.status() == ListStatus.SUBMITTED;
    if (list.kind() == ListKind.COMMON && draft && !officials.current().districtWide()) {
      throw new AccessDeniedException("Common list " + id + " is a draft");
    }
    ListDiff diff = lists.diffToPrevious(list);
    return new ListView(list.id(), list.kind(), list.unitCode(), list.year(), list.version(), list.status(),
        list.publishedAt(), list.reviewComment(), ItemView.of(list.items(), people.names()), diff,
        list.changeSummary() != null ? list.changeSummary() : diff.summary(),
        list.kind() == ListKind.TAILORED ? formulation.flagsOf(id) : List.of(), list.unitType(), list.kindLabel());
  }

  /** What the unit is held to in the year: the common list's items, then its published tailored list's. */
  @GetMapping("/units/{unitCode}/effective-list")
  EffectiveListView effectiveList(@PathVariable String unitCode, @RequestParam String year) {
    int listYear = FormInputs.year(year);
    ResponsibilityList common = lists.commonListOf(unitCode, listYear).orElse(null);
    ResponsibilityList tailored = lists.tailoredList(unitCode, listYear).orElse(null);
    List<EffectiveItemView> items = new ArrayList<>();
    Map<String, String> names = people.names();
    if (common != null) {
      ItemView.of(lists.commonItemsFor(unitCode, listYear), names).forEach(item ->
          items.add(new EffectiveItemView(ListKind.COMMON, ListKind.COMMON.label(), false, item)));
    }
    if (tailored != null) {
      ItemView.of(tailored.items(), names).forEach(item ->
          items.add(new EffectiveItemView(ListKind.TAILORED, ListKind.TAILORED.label(), true, item)));
    }
    return new EffectiveListView(unitCode, listYear, common == null ? null : common.id(),
        tailored == null ? null : tailored.id(), tailored == null ? null : tailored.version(), items);
  }

  /** The 责任人 and 责任领导 the unit's secretary picked for common items on the list page. */
  record CommonResponsiblesRequest(String year, List<ListService.CommonItemChoice> items) {
  }

  /**
   * The unit's secretary sets who carries each common item in the unit (责任人) and who leads it (责任领导); only
   * the secretary, only items of the unit's common list of the year, only people of the unit.
   */
  @PutMapping("/units/{unitCode}/common-list-responsibles")
  ResponseEntity<Void> assignCommonResponsibles(@PathVariable String unitCode,
      @RequestBody CommonResponsiblesRequest request) {
    if (request == null) {
      throw new InvalidInputException("请求内容为空");
    }
    lists.assignCommonResponsibles(officials.current(), unitCode, FormInputs.year(request.year()),
        request.items());
    return ResponseEntity.noContent().build();
  }

  /**
   * The caller's own items of the year: those of their units' common lists (with the unit's responsibles) and
   * published tailored lists whose 责任人 or 责任领导 they are — for a team member the items of their area (分管领域), for a 纪检委员 the supervisory items.
   */
  @GetMapping("/my-list-items")
  List<MyItemView> myItems(@RequestParam String year) {
    int listYear = FormInputs.year(year);
    Official official = officials.current();
    Map<String, String> names = people.names();
    List<MyItemView> mine = new ArrayList<>();
    for (String unitCode : official.unitCodes().stream().sorted().toList()) {
      ResponsibilityList common = lists.commonListOf(unitCode, listYear).orElse(null);
      if (common != null) {
        addMine(mine, official, unitCode, common.id(), ListKind.COMMON, lists.commonItemsFor(unitCode, listYear),
            names);
      }
      ResponsibilityList tailored = lists.tailoredList(unitCode, listYear).orElse(null);
      if (tailored != null) {
        addMine(mine, official, unitCode, tailored.id(), ListKind.TAILORED, tailored.items(), names);
      }
    }
    return mine;
  }

  private static void addMine(List<MyItemView> mine, Official official, String unitCode, long listId, ListKind origin,
      List<ListItem> items, Map<String, String> names) {
    for (int i = 0; i < items.size(); i++) {
      ListItem item = items.get(i);
      boolean person = official.userId().equals(item.responsiblePerson());
      boolean leader = official.userId().equals(item.responsibleLeader());
      if (person || leader) {
        mine.add(new MyItemView(unitCode, listId, origin, person, leader, ItemView.of(i + 1, item, names)));
      }
    }
  }
}
