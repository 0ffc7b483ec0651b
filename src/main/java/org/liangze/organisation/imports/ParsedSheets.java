package org.liangze.organisation.imports;

import java.util.List;

/**
 * What the files said: the rows of the 单位 and 人员 sheets (null where the import did not bring that sheet: a CSV
 * import may bring only one of them) and the problems of the files themselves.
 */
record ParsedSheets(List<SheetRow> units, List<SheetRow> people, List<ImportProblem> problems) {
}
