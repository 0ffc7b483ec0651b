package org.liangze.lists;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.liangze.lists.ListController.ItemView;
import org.liangze.organisation.UnitType;
import org.liangze.platform.FormInputs;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The common lists over HTTP: everyone logged in reads the published ones; only the discipline commission starts
 * drafting one (the start runs as the caller in the engine, where only the commission may start the process).
 * Drafting and review happen in Tasklist.
 */
@RestController
@RequestMapping("/api/common-lists")
class CommonListController {

  private final CommonLists commonLists;

  CommonListController(CommonLists commonLists) {
    this.commonLists = commonLists;
  }

  /** Type and year come as text so that malformed ones get the platform's own message, not a parser's. */
  record StartRequest(String unitType, String year) {
  }

  /**
   * A unit type's published common list of the year; {@code listId} null when it has none. {@code inherited}: the
   * list is one of every unit type, from before common lists had types.
   */
  record TypeView(UnitType unitType, String unitTypeLabel, Long listId, Integer version, String versionLabel,
      OffsetDateTime publishedAt, String changeSummary, boolean inherited, List<ItemView> items) {
  }

  record YearView(int year, List<TypeView> lists, List<String> unpublished) {
  }

  @GetMapping
  YearView published(@RequestParam String year) {
    int listYear = FormInputs.year(year);
    List<TypeView> views = commonLists.published(listYear).stream().map(published -> {
      ResponsibilityList list = published.list();
      UnitType type = published.unitType();
      return list == null
          ? new TypeView(type, type.label(), null, null, null, null, null, false, List.of())
          : new TypeView(type, type.label(), list.id(), list.version(), list.versionLabel(), list.publishedAt(),
              list.changeSummary(), published.inherited(), ItemView.of(list.items(), java.util.Map.of()));
    }).toList();
    List<String> unpublished = views.stream().filter(view -> view.listId() == null).map(TypeView::unitTypeLabel)
        .toList();
    return new YearView(listYear, views, unpublished);
  }

  @PostMapping
  ResponseEntity<CommonLists.Started> start(@RequestBody StartRequest request) {
    CommonLists.Started started = commonLists.start(request.unitType(), request.year());
    return ResponseEntity.created(URI.create("/api/common-lists?year=" + started.year())).body(started);
  }
}
