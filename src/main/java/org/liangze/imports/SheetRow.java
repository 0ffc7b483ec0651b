package org.liangze.imports;

import java.util.Map;

/** One data row of a sheet or CSV file: its row number as Excel shows it and its cells by column header. */
record SheetRow(int row, Map<String, String> cells) {

  String get(String column) {
    String value = cells.get(column);
    return value == null ? "" : value;
  }

  boolean isBlank() {
    return cells.values().stream().allMatch(String::isBlank);
  }
}
