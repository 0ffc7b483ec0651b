package org.liangze.lists;

import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.servlet.ModelAndView;

/**
 * A list as a page, linked from the review forms (the API's JSON is for programs): its items, what this version
 * changed against the previous one, and for a tailored list the automatic checks' findings. The same readers as
 * {@code GET /api/lists/{id}}: a unit's list its own people and the district's supervisors, a published common
 * list everyone, a common draft the district's posts.
 */
@Controller
class ListPageController implements Pages {

  private final ListService lists;
  private final ListFormulationService formulation;
  private final UnitRepository units;
  private final Officials officials;

  ListPageController(ListService lists, ListFormulationService formulation, UnitRepository units,
      Officials officials) {
    this.lists = lists;
    this.formulation = formulation;
    this.units = units;
    this.officials = officials;
  }

  public record Page(String title, String status, String changeSummary, String reviewComment, List<Item> items,
      List<String> changes, List<String> findings, boolean tailored) {
  }

  public record Item(int position, String responsibility, String category, String content, String measures,
      String riskPoint, String frequency, String evidenceRequired) {
  }

  @GetMapping("/pages/lists/{id}")
  String list(@PathVariable long id, Model model) {
    ResponsibilityList list = lists.list(id);
    Official reader = officials.current();
    if (list.unitCode() != null && !reader.canSee(list.unitCode())) {
      throw new AccessDeniedException("List " + id + " belongs to another unit");
    }
    boolean draft = list.status() == ListStatus.DRAFT || list.status() == ListStatus.SUBMITTED;
    if (list.kind() == ListKind.COMMON && draft && !reader.districtWide()) {
      throw new AccessDeniedException("Common list " + id + " is a draft");
    }
    String owner = list.unitCode() == null ? ""
        : units.findByCode(list.unitCode()).map(unit -> unit.name()).orElse(list.unitCode());
    ListDiff diff = lists.diffToPrevious(list);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      ListItem item = list.items().get(i);
      items.add(new Item(i + 1, item.responsibility().label(), item.category(), item.content(), item.measures(),
          item.riskPoint(), item.frequency(), item.evidenceRequired()));
    }
    List<String> changes = new ArrayList<>();
    diff.added().forEach(item -> changes.add("新增：" + text(item)));
    diff.removed().forEach(item -> changes.add("删除：" + text(item)));
    diff.changed().forEach(change -> changes.add("修改：" + text(change.before()) + " → " + change.after().content()));
    List<String> findings = list.kind() == ListKind.TAILORED
        ? formulation.flagsOf(id).stream().map(QualityFlag::message).toList() : List.of();
    model.addAttribute("page", new Page(owner + list.year() + "年度" + list.kindLabel() + "（第" + list.version()
        + "版）", status(list.status()), list.changeSummary() != null ? list.changeSummary() : diff.summary(),
        list.reviewComment(), items, changes, findings, list.kind() == ListKind.TAILORED));
    return "lists/list";
  }

  private static String text(ListItem item) {
    return item.responsibility().label() + "·" + item.category() + "：" + item.content();
  }

  private static String status(ListStatus status) {
    return switch (status) {
      case DRAFT -> "草稿";
      case SUBMITTED -> "待审核";
      case PUBLISHED -> "已发布";
      case SUPERSEDED -> "已被新版本取代";
    };
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看", "单位清单只对本单位人员和监督部门开放。");
  }
}
