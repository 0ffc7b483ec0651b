package org.liangze.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.liangze.imports.ImportReport.CommonListDraft;
import org.liangze.lists.CommonLists;
import org.liangze.lists.ListItem;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The 共性清单 sheet: its rows grouped into one list per unit type and year, checked by the lists feature
 * ({@link CommonLists#preview}) and, when the import applies, handed to it as drafts to review
 * ({@link CommonLists#importDraft}) — never published directly.
 */
@Component
class CommonListRows {

  private static final Pattern YEAR = Pattern.compile("20[0-9]{2}");
  private static final String SHEET = ImportSheets.COMMON_LIST;

  record Group(UnitType type, int year, List<ListItem> items, List<Integer> rows) {
  }

  private final CommonLists commonLists;

  CommonListRows(CommonLists commonLists) {
    this.commonLists = commonLists;
  }

  /** The rows as lists per type and year; problems for rows that are not items. */
  List<Group> groups(List<SheetRow> rows, List<ImportProblem> problems) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (SheetRow row : rows) {
      int before = problems.size();
      Optional<UnitType> type = UnitType.byLabel(row.get(ImportSheets.UNIT_TYPE));
      if (type.isEmpty()) {
        problems.add(new ImportProblem(SHEET, row.row(), ImportSheets.UNIT_TYPE, "未知的单位类型“"
            + row.get(ImportSheets.UNIT_TYPE) + "”：应为 " + Arrays.stream(UnitType.values()).map(UnitType::label)
            .collect(Collectors.joining(" / "))));
      }
      String yearText = row.get("年度");
      if (!YEAR.matcher(yearText).matches()) {
        problems.add(new ImportProblem(SHEET, row.row(), "年度", "年度“" + yearText + "”不正确：应为四位年份，如 2026"));
      }
      Optional<Responsibility> responsibility = Arrays.stream(Responsibility.values())
          .filter(r -> r.label().equals(row.get("责任类型"))).findFirst();
      if (responsibility.isEmpty()) {
        problems.add(new ImportProblem(SHEET, row.row(), "责任类型", "责任类型应为“主体责任”或“监督责任”"));
      }
      for (String required : List.of("类别", "责任内容")) {
        if (row.get(required).isEmpty()) {
          problems.add(new ImportProblem(SHEET, row.row(), required, required + "不能为空"));
        }
      }
      if (problems.size() > before) {
        continue;
      }
      ListItem item = new ListItem(responsibility.orElseThrow(), row.get("类别"), row.get("责任内容"),
          blankToNull(row.get("履责措施")), blankToNull(row.get("风险点")), blankToNull(row.get("频次")),
          blankToNull(row.get("佐证材料")));
      int year = Integer.parseInt(yearText);
      Group group = groups.computeIfAbsent(type.orElseThrow() + "/" + year,
          k -> new Group(type.orElseThrow(), year, new ArrayList<>(), new ArrayList<>()));
      group.items().add(item);
      group.rows().add(row.row());
    }
    return List.copyOf(groups.values());
  }

  /** What importing each list would do; the lists feature's refusals become problems of the sheet. */
  List<CommonListDraft> preview(List<Group> groups, List<ImportProblem> problems) {
    List<CommonListDraft> drafts = new ArrayList<>();
    for (Group group : groups) {
      try {
        CommonLists.ImportOutcome outcome = commonLists.preview(group.type(), group.year(), group.items());
        drafts.add(new CommonListDraft(group.type().label(), group.year(), group.items().size(), outcome.name()));
      } catch (ConflictException inReview) {
        // the same workbook again while its lists are in review changes nothing
        drafts.add(new CommonListDraft(group.type().label(), group.year(), group.items().size(), "IN_REVIEW"));
      } catch (InvalidInputException | IllegalArgumentException e) {
        problems.add(new ImportProblem(SHEET, group.rows().get(0), null,
            group.type().label() + group.year() + "年度共性清单（第 " + group.rows().get(0) + "–"
                + group.rows().get(group.rows().size() - 1) + " 行）：" + e.getMessage()));
      }
    }
    return drafts;
  }

  /** Starts the review of each list that differs from the published one, in the caller's transaction. */
  void importDrafts(List<Group> groups, List<CommonListDraft> drafts, String actor) {
    for (int i = 0; i < groups.size(); i++) {
      if (drafts.get(i).outcome().equals(CommonLists.ImportOutcome.REVIEW_STARTED.name())) {
        commonLists.importDraft(groups.get(i).type(), groups.get(i).year(), groups.get(i).items(), actor);
      }
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
