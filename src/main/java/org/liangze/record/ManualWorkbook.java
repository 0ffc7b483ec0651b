package org.liangze.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes a unit's record manual as an Excel workbook: a title row, a frozen header row, one row per entry in chain
 * order, and the chain's verdict at the end. Streaming (SXSSF): a unit with years of entries is written with a
 * small, fixed number of rows in memory.
 */
@Component
class ManualWorkbook {

  /** 关联流程 names the process and the day it started; 流程实例编号 is its id, for finding it in Cockpit. */
  static final List<String> HEADERS = List.of("序号", "类型", "履责时间", "记录时间", "记录人", "摘要", "补录原因",
      "关联流程", "佐证材料数", "哈希算法", "本条哈希", "流程实例编号");

  /** Column widths in characters; a Chinese character takes about two. */
  private static final int[] WIDTHS = {6, 10, 18, 18, 20, 60, 30, 34, 11, 10, 68, 38};
  private static final int SUMMARY = 5;
  private static final int LATE_REASON = 6;
  private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

  private final ProcessLabels processes;

  ManualWorkbook(ProcessLabels processes) {
    this.processes = processes;
  }

  byte[] write(ManualSnapshot manual) {
    Map<String, ProcessLabels.Label> labels = processes.of(manual);
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      Styles styles = new Styles(workbook);
      Sheet sheet = workbook.createSheet("纪实手册");
      for (int column = 0; column < WIDTHS.length; column++) {
        sheet.setColumnWidth(column, WIDTHS[column] * 256);
      }

      Row title = sheet.createRow(0);
      title.setHeightInPoints(28);
      text(title, 0, manual.title(), styles.title);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));

      Row header = sheet.createRow(1);
      for (int column = 0; column < HEADERS.size(); column++) {
        text(header, column, HEADERS.get(column), styles.header);
      }
      // title and header stay in view while scrolling through hundreds of entries
      sheet.createFreezePane(0, 2);

      int rowIndex = 2;
      for (RecordEntry entry : manual.entries()) {
        Row row = sheet.createRow(rowIndex++);
        number(row, 0, entry.seq(), styles.cell);
        text(row, 1, entry.kind().label(), styles.cell);
        Cell occurred = row.createCell(2);
        occurred.setCellValue(manual.local(entry.occurredAt()));
        occurred.setCellStyle(styles.date);
        Cell recorded = row.createCell(3);
        recorded.setCellValue(manual.local(entry.recordedAt()));
        recorded.setCellStyle(styles.date);
        text(row, 4, manual.actor(entry), styles.cell);
        text(row, SUMMARY, entry.summary(), styles.wrapped);
        text(row, LATE_REASON, entry.lateReason(), styles.wrapped);
        text(row, 7, ProcessLabels.nameOf(entry, labels, manual), styles.wrapped);
        number(row, 8, entry.evidence().size(), styles.cell);
        text(row, 9, entry.hashAlgorithm(), styles.cell);
        text(row, 10, entry.entryHash(), styles.cell);
        text(row, 11, entry.processInstanceId(), styles.cell);
      }
      if (manual.entries().isEmpty()) {
        text(sheet.createRow(rowIndex++), 0, "（暂无记录）", styles.cell);
      }

      Row verdict = sheet.createRow(rowIndex + 1);
      text(verdict, 0, "链校验", styles.header);
      text(verdict, 1, manual.verdict(), manual.verification().intact() ? styles.intact : styles.broken);
      sheet.addMergedRegion(new CellRangeAddress(verdict.getRowNum(), verdict.getRowNum(), 1, 4));
      Row exported = sheet.createRow(rowIndex + 2);
      text(exported, 0, "导出时间", styles.header);
      Cell at = exported.createCell(1);
      at.setCellValue(manual.takenAt().toLocalDateTime());
      at.setCellStyle(styles.date);
      sheet.addMergedRegion(new CellRangeAddress(exported.getRowNum(), exported.getRowNum(), 1, 4));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      // written to memory: an IOException here is a bug, not a condition to answer
      throw new UncheckedIOException(e);
    }
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    Cell cell = row.createCell(column);
    if (value != null) {
      cell.setCellValue(value);
    }
    cell.setCellStyle(style);
  }

  private static void number(Row row, int column, long value, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  /** The workbook's cell styles, created once: Excel allows only a few thousand per workbook. */
  private static final class Styles {
    final CellStyle title;
    final CellStyle header;
    final CellStyle cell;
    final CellStyle wrapped;
    final CellStyle date;
    final CellStyle intact;
    final CellStyle broken;

    Styles(Workbook workbook) {
      Font titleFont = workbook.createFont();
      titleFont.setBold(true);
      titleFont.setFontHeightInPoints((short) 16);
      title = workbook.createCellStyle();
      title.setFont(titleFont);
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);

      Font bold = workbook.createFont();
      bold.setBold(true);
      header = bordered(workbook);
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);

      cell = bordered(workbook);
      wrapped = bordered(workbook);
      wrapped.setWrapText(true);
      date = bordered(workbook);
      date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));

      intact = verdict(workbook, IndexedColors.GREEN);
      broken = verdict(workbook, IndexedColors.RED);
    }

    private static CellStyle bordered(Workbook workbook) {
      CellStyle style = workbook.createCellStyle();
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      style.setVerticalAlignment(VerticalAlignment.TOP);
      return style;
    }

    private static CellStyle verdict(Workbook workbook, IndexedColors color) {
      Font font = workbook.createFont();
      font.setBold(true);
      font.setColor(color.getIndex());
      CellStyle style = workbook.createCellStyle();
      style.setFont(font);
      return style;
    }
  }
}
