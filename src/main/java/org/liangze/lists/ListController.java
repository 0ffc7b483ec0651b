package org.liangze.lists;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.liangze.organisation.Officials;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

  ListController(ListFormulations formulations, ListFormulationService formulation, ListService lists,
      Officials officials) {
    this.formulations = formulations;
    this.formulation = formulation;
    this.lists = lists;
    this.officials = officials;
  }

  /** The year comes as text so that a malformed one gets the platform's own message, not a parser's. */
  record StartRequest(String unitCode, String year) {
  }

  record ItemView(int position, Responsibility responsibility, String responsibilityLabel, String category,
      String content, String measures, String riskPoint, String frequency, String evidenceRequired) {

    static List<ItemView> of(List<ListItem> items) {
      List<ItemView> views = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        ListItem item = items.get(i);
        views.add(new ItemView(i + 1, item.responsibility(), item.responsibility().label(), item.category(),
            item.content(), item.measures(), item.riskPoint(), item.frequency(), item.evidenceRequired()));
      }
      return views;
    }
  }

  record ListView(long id, ListKind kind, String unitCode, int year, int version, ListStatus status,
      OffsetDateTime publishedAt, String reviewComment, List<ItemView> items, ListDiff changes,
      String changeSummary, List<QualityFlag> qualityFlags) {
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
    ListDiff diff = lists.diffToPrevious(list);
    return new ListView(list.id(), list.kind(), list.unitCode(), list.year(), list.version(), list.status(),
        list.publishedAt(), list.reviewComment(), ItemView.of(list.items()), diff,
        list.changeSummary() != null ? list.changeSummary() : diff.summary(),
        list.kind() == ListKind.TAILORED ? formulation.flagsOf(id) : List.of());
  }

  /** What the unit is held to in the year: the common list's items, then its published tailored list's. */
  @GetMapping("/units/{unitCode}/effective-list")
  EffectiveListView effectiveList(@PathVariable String unitCode, @RequestParam String year) {
    int listYear = ListFormulations.parseYear(year);
    ResponsibilityList common = lists.commonList(listYear).orElse(null);
    ResponsibilityList tailored = lists.tailoredList(unitCode, listYear).orElse(null);
    List<EffectiveItemView> items = new ArrayList<>();
    if (common != null) {
      ItemView.of(common.items()).forEach(item ->
          items.add(new EffectiveItemView(ListKind.COMMON, ListKind.COMMON.label(), false, item)));
    }
    if (tailored != null) {
      ItemView.of(tailored.items()).forEach(item ->
          items.add(new EffectiveItemView(ListKind.TAILORED, ListKind.TAILORED.label(), true, item)));
    }
    return new EffectiveListView(unitCode, listYear, common == null ? null : common.id(),
        tailored == null ? null : tailored.id(), tailored == null ? null : tailored.version(), items);
  }
}
