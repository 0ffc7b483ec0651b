package org.liangze.imports;

/**
 * One thing wrong with an import, where a person finds it: the sheet (or CSV file), the row number as Excel shows it
 * (null for the file as a whole), the column (null for the whole row) and what is wrong, in Chinese.
 */
public record ImportProblem(String sheet, Integer row, String column, String message) {

  static ImportProblem file(String sheet, String message) {
    return new ImportProblem(sheet, null, null, message);
  }
}
