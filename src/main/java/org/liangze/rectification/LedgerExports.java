package org.liangze.rectification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/** The rectification ledger as an Excel workbook (POI): a title line, then one line per problem. */
@Component
class LedgerExports {

  static final List<String> HEADERS = List.of("序号", "单位", "问题来源", "来源说明", "问题", "整改措施", "责任人",
      "完成时限", "状态", "是否逾期", "落实情况", "佐证材料", "纪实记录序号", "验收意见", "退回次数", "销号人", "销号时间");

  byte[] workbook(String title, List<LedgerViews.View> rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("整改台账");
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle header = workbook.createCellStyle();
      header.setFont(bold);
      sheet.createRow(0).createCell(0).setCellValue(title);
      Row head = sheet.createRow(1);
      for (int i = 0; i < HEADERS.size(); i++) {
        head.createCell(i).setCellValue(HEADERS.get(i));
        head.getCell(i).setCellStyle(header);
      }
      int r = 2;
      for (LedgerViews.View view : rows) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(r - 1);
        List<String> cells = List.of(view.unitName(), view.source(), view.sourceLabel(), view.problem(),
            view.measure(), view.owner(), view.deadline(), view.status(), view.overdue() ? "是" : "否",
            view.report(), view.evidence(), view.recordRefs(), view.verificationComment());
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(1 + c).setCellValue(cells.get(c));
        }
        row.createCell(14).setCellValue(view.returnedCount());
        row.createCell(15).setCellValue(view.closedBy());
        row.createCell(16).setCellValue(view.closedAt());
        r++;
      }
      sheet.createFreezePane(0, 2);
      for (int i = 0; i < HEADERS.size(); i++) {
        sheet.setColumnWidth(i, i == 4 || i == 5 || i == 10 ? 40 * 256 : 14 * 256);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
