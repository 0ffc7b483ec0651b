package org.liangze.imports;

import java.util.List;

/**
 * What the files said: the rows of the 单位, 人员 and 共性清单 sheets (null where the import did not bring that sheet: a
 * CSV import may bring only one of the first two, and only a workbook brings 共性清单) and the problems of the files
 * themselves.
 */
record ParsedSheets(List<SheetRow> units, List<SheetRow> people, List<SheetRow> commonList,
    List<ImportProblem> problems) {

  ParsedSheets(List<SheetRow> units, List<SheetRow> people, List<ImportProblem> problems) {
    this(units, people, null, problems);
  }
}
