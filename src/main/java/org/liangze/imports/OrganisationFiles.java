package org.liangze.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Reads the organisation from an Excel workbook (Apache POI) or from CSV files (Apache Commons CSV) into rows by
 * column header, and refuses what is not such a file: an empty or oversized file, a file whose content is not what
 * its name says (Apache Tika looks at the bytes), a workbook with macros, a zip bomb (POI's {@link ZipSecureFile}
 * limits), formulas (only values are read), unknown or missing columns.
 *
 * <p>CSV comes as Chinese Excel saves it: GB18030 ("CSV (逗号分隔)"), or UTF-8 with a byte-order mark ("CSV UTF-8"),
 * or UTF-8 without one. A BOM says UTF-8; otherwise bytes that decode as strict UTF-8 are UTF-8 and anything else is
 * read as GB18030 (which decodes any byte sequence, GBK and GB2312 included).
 */
@Component
class OrganisationFiles {

  /** Far above any district's organisation (5,000 people fit in well under 1 MB). */
  static final int MAX_BYTES = 10 * 1024 * 1024;
  /** The most a single part of a workbook (a sheet's XML) may inflate to; a district's sheet is a few MB. */
  static final long MAX_ENTRY_BYTES = 32L * 1024 * 1024;
  static final int MAX_ROWS = 100_000;
  static final Charset GB18030 = Charset.forName("GB18030");

  private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-tika-ooxml");
  private static final String VBA_PROJECT = "/xl/vbaProject.bin";

  static {
    // POI's defaults, stated: an entry inflating more than 100 times its compressed size is a zip bomb
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrganisationFiles.class);

  private final Tika tika = new Tika();

  ParsedSheets readWorkbook(UploadedFile file) {
    List<ImportProblem> problems = new ArrayList<>();
    String sheetName = file.name().isBlank() ? "工作簿" : file.name();
    if (!checkSize(file, sheetName, problems)) {
      return new ParsedSheets(null, null, problems);
    }
    switch (file.extension()) {
      case "xlsx" -> {
      }
      case "xlsm" -> {
        problems.add(ImportProblem.file(sheetName, "不接受含宏的工作簿（.xlsm）：请在 Excel 中另存为“Excel 工作簿（*.xlsx）”后再导入"));
        return new ParsedSheets(null, null, problems);
      }
      case "xls" -> {
        problems.add(ImportProblem.file(sheetName, "不接受旧版 Excel 文件（.xls）：请另存为“Excel 工作簿（*.xlsx）”后再导入"));
        return new ParsedSheets(null, null, problems);
      }
      default -> {
        problems.add(ImportProblem.file(sheetName, "工作簿应为 .xlsx 文件；CSV 文件请作为“单位”“人员”文件上传"));
        return new ParsedSheets(null, null, problems);
      }
    }
    String detected = tika.detect(file.content());
    if (!ZIP_TYPES.contains(detected)) {
      problems.add(ImportProblem.file(sheetName, "文件内容不是 Excel 工作簿，与文件名“" + file.name() + "”不符"));
      return new ParsedSheets(null, null, problems);
    }
    if (hasVbaProject(file.content())) {
      problems.add(ImportProblem.file(sheetName, "工作簿含有宏，不予导入：请另存为不含宏的“Excel 工作簿（*.xlsx）”后再导入"));
      return new ParsedSheets(null, null, problems);
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(file.content()))) {
      if (isMacroEnabled(pkg)) {
        problems.add(ImportProblem.file(sheetName, "工作簿含有宏，不予导入：请另存为不含宏的“Excel 工作簿（*.xlsx）”后再导入"));
        return new ParsedSheets(null, null, problems);
      }
      try (XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
        List<SheetRow> units = sheet(workbook, ImportSheets.UNITS, ImportSheets.UNIT_COLUMNS, problems);
        List<SheetRow> people = sheet(workbook, ImportSheets.PEOPLE, ImportSheets.PEOPLE_COLUMNS, problems);
        // the 共性清单 sheet is optional: a workbook without it leaves the common lists as they are
        List<SheetRow> commonList = workbook.getSheet(ImportSheets.COMMON_LIST) == null ? null
            : sheet(workbook, ImportSheets.COMMON_LIST, ImportSheets.COMMON_LIST_COLUMNS, problems);
        return new ParsedSheets(units, people, commonList, problems);
      }
    } catch (IOException | InvalidFormatException | RuntimeException e) {
      log.info("Workbook {} not read: {}", file.name(), e.toString());
      problems.add(ImportProblem.file(sheetName, isZipBomb(e)
          ? "工作簿解压后异常巨大（疑似压缩炸弹），不予导入"
          : "无法读取工作簿：文件已损坏，或不是 Excel 工作簿（*.xlsx）"));
      return new ParsedSheets(null, null, problems);
    }
  }

  /** Either CSV file may be absent (null): that part of the organisation then stays as it is. */
  ParsedSheets readCsv(UploadedFile units, UploadedFile people) {
    List<ImportProblem> problems = new ArrayList<>();
    List<SheetRow> unitRows = units == null ? null
        : csv(units, ImportSheets.UNITS, ImportSheets.UNIT_COLUMNS, problems);
    List<SheetRow> peopleRows = people == null ? null
        : csv(people, ImportSheets.PEOPLE, ImportSheets.PEOPLE_COLUMNS, problems);
    return new ParsedSheets(unitRows, peopleRows, problems);
  }

  // ---- workbook

  /** A VBA project among the zip's entries, whatever the package declares (read from the central directory). */
  private static boolean hasVbaProject(byte[] content) {
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
      return java.util.Collections.list(zip.getEntries()).stream()
          .anyMatch(entry -> entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith("vbaproject.bin"));
    } catch (IOException e) {
      return false; // not a readable zip: POI says so below
    }
  }

  private static boolean isMacroEnabled(OPCPackage pkg) throws InvalidFormatException {
    return pkg.getParts().stream().anyMatch(part -> VBA_PROJECT.equalsIgnoreCase(part.getPartName().getName())
        || XSSFRelation.MACROS_WORKBOOK.getContentType().equals(part.getContentType())
        || part.getContentType().contains("vbaProject"));
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.toLowerCase().contains("zip bomb")) {
        return true;
      }
    }
    return false;
  }

  private static List<SheetRow> sheet(XSSFWorkbook workbook, String name, List<String> columns,
      List<ImportProblem> problems) {
    Sheet sheet = workbook.getSheet(name);
    if (sheet == null) {
      problems.add(ImportProblem.file(name, "缺少工作表“" + name + "”：请使用导入模板"));
      return null;
    }
    if (sheet.getLastRowNum() >= MAX_ROWS) {
      problems.add(ImportProblem.file(name, "行数过多（上限 " + MAX_ROWS + " 行）"));
      return null;
    }
    Row headerRow = sheet.getRow(0);
    List<String> headers = new ArrayList<>();
    if (headerRow != null) {
      for (int c = 0; c < Math.max(0, headerRow.getLastCellNum()); c++) {
        Cell cell = headerRow.getCell(c);
        headers.add(cell == null || cell.getCellType() != CellType.STRING ? text(cell) : cell.getStringCellValue());
      }
    }
    Map<Integer, String> byIndex = headers(name, 1, headers, columns, problems);
    if (byIndex == null) {
      return null;
    }
    List<SheetRow> rows = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      for (Map.Entry<Integer, String> column : byIndex.entrySet()) {
        Cell cell = row.getCell(column.getKey());
        if (cell != null && cell.getCellType() == CellType.FORMULA) {
          problems.add(new ImportProblem(name, r + 1, column.getValue(),
              "单元格含公式：只读取数值，请复制后“选择性粘贴—数值”再导入"));
          cells.put(column.getValue(), "");
        } else if (cell != null && cell.getCellType() == CellType.ERROR) {
          problems.add(new ImportProblem(name, r + 1, column.getValue(), "单元格是错误值"));
          cells.put(column.getValue(), "");
        } else {
          cells.put(column.getValue(), text(cell));
        }
      }
      SheetRow sheetRow = new SheetRow(r + 1, cells);
      if (!sheetRow.isBlank()) {
        rows.add(sheetRow);
      }
    }
    return rows;
  }

  /** A cell's value as text: numbers as written (a mobile number typed as a number loses no digit), trimmed. */
  private static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    return switch (cell.getCellType()) {
      case STRING -> clean(cell.getStringCellValue());
      case NUMERIC -> BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
      case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
      default -> "";
    };
  }

  private static String clean(String value) {
    // no-break and zero-width spaces come along when cells are pasted from web pages
    return value == null ? "" : value.replace('\u00a0', ' ').replace("\u200b", "").replace("\ufeff", "").strip();
  }

  /**
   * Maps column positions to the expected headers; null (with problems) unless every expected header is there
   * exactly once and there is no other.
   */
  private static Map<Integer, String> headers(String sheet, int row, List<String> found, List<String> expected,
      List<ImportProblem> problems) {
    Map<Integer, String> byIndex = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    int before = problems.size();
    String expectedText = String.join("、", expected);
    for (int i = 0; i < found.size(); i++) {
      String header = clean(found.get(i));
      if (header.isEmpty()) {
        continue;
      }
      if (!expected.contains(header)) {
        problems.add(new ImportProblem(sheet, row, header, "未知的列“" + header + "”：列标题应为 " + expectedText));
      } else if (seen.putIfAbsent(header, i) != null) {
        problems.add(new ImportProblem(sheet, row, header, "列“" + header + "”出现了两次"));
      } else {
        byIndex.put(i, header);
      }
    }
    for (String header : expected) {
      if (!seen.containsKey(header)) {
        problems.add(new ImportProblem(sheet, row, header, "缺少列“" + header + "”：列标题应为 " + expectedText));
      }
    }
    return problems.size() == before ? byIndex : null;
  }

  // ---- CSV

  private List<SheetRow> csv(UploadedFile file, String sheet, List<String> columns, List<ImportProblem> problems) {
    if (!checkSize(file, sheet, problems)) {
      return null;
    }
    if (!file.extension().equals("csv")) {
      problems.add(ImportProblem.file(sheet, "“" + sheet + "”文件应为 .csv 文件，收到的是“" + file.name() + "”"));
      return null;
    }
    String detected = tika.detect(file.content());
    // GB18030 text is no type Tika names: octet-stream, which is text unless it holds control characters
    if (!detected.startsWith("text/") && !(detected.equals("application/octet-stream") && isText(file.content()))) {
      problems.add(ImportProblem.file(sheet, "文件内容不是 CSV 文本，与文件名“" + file.name() + "”不符"));
      return null;
    }
    String text = decode(file.content());
    List<SheetRow> rows = new ArrayList<>();
    // empty lines are kept as records, so a record's number is its line number as Excel shows it
    CSVFormat format = CSVFormat.EXCEL.builder().setIgnoreEmptyLines(false).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Map<Integer, String> byIndex = null;
      for (CSVRecord record : parser) {
        int row = (int) record.getRecordNumber();
        if (byIndex == null) {
          byIndex = headers(sheet, row, record.toList(), columns, problems);
          if (byIndex == null) {
            return null;
          }
          continue;
        }
        if (row > MAX_ROWS) {
          problems.add(ImportProblem.file(sheet, "行数过多（上限 " + MAX_ROWS + " 行）"));
          return null;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> column : byIndex.entrySet()) {
          cells.put(column.getValue(), column.getKey() < record.size() ? clean(record.get(column.getKey())) : "");
        }
        SheetRow sheetRow = new SheetRow(row, cells);
        if (!sheetRow.isBlank()) {
          rows.add(sheetRow);
        }
      }
      if (byIndex == null) {
        problems.add(ImportProblem.file(sheet, "文件没有内容"));
        return null;
      }
    } catch (IOException | RuntimeException e) {
      problems.add(ImportProblem.file(sheet, "无法读取 CSV 文件：" + "格式不正确（如引号不成对）"));
      return null;
    }
    return rows;
  }

  private static boolean isText(byte[] bytes) {
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b) || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 if a BOM says so or the bytes are valid UTF-8; GB18030 otherwise. */
  static String decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, GB18030);
    }
  }

  private static boolean checkSize(UploadedFile file, String sheet, List<ImportProblem> problems) {
    if (file.content().length == 0) {
      problems.add(ImportProblem.file(sheet, "文件为空"));
      return false;
    }
    if (file.content().length > MAX_BYTES) {
      problems.add(ImportProblem.file(sheet, "文件过大（上限 " + MAX_BYTES / (1024 * 1024) + " MB）"));
      return false;
    }
    return true;
  }
}
