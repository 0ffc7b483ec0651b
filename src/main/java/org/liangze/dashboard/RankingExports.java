package org.liangze.dashboard;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
import org.springframework.stereotype.Component;

/**
 * The district ranking as an Excel workbook (POI) and a printable A4 PDF (PDFBox, with the record manual's embedded
 * Chinese font and Helvetica for what that font lacks): per unit type, rank, unit, score and the figures behind it.
 */
@Component
class RankingExports {

  static final List<String> HEADERS = List.of("单位类型", "类型内排名", "单位编码", "单位名称", "得分", "按时办结",
      "季度自查完成", "整改完成率", "按期整改", "佐证材料齐全", "开展谈话", "问责案件", "清单照搬标记", "佐证材料与他单位重复");
  private static final DateTimeFormatter EXPORTED = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final PdfFonts fonts;

  RankingExports(PdfFonts fonts) {
    this.fonts = fonts;
  }

  static String title(Period period) {
    return period.label() + "两个责任落实情况排名";
  }

  byte[] workbook(Period period, String formulaVersion, List<UnitScore> ranking) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("排名");
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle header = workbook.createCellStyle();
      header.setFont(bold);
      sheet.createRow(0).createCell(0).setCellValue(title(period) + "（评分公式版本 " + formulaVersion + "）");
      Row head = sheet.createRow(1);
      for (int i = 0; i < HEADERS.size(); i++) {
        head.createCell(i).setCellValue(HEADERS.get(i));
        head.getCell(i).setCellStyle(header);
      }
      int r = 2;
      for (UnitScore score : ranking) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(score.unitTypeLabel());
        row.createCell(1).setCellValue(score.rankInType());
        row.createCell(2).setCellValue(score.unitCode());
        row.createCell(3).setCellValue(score.unitName());
        row.createCell(4).setCellValue(score.score().doubleValue());
        for (int c = 0; c < score.components().size(); c++) {
          row.createCell(5 + c).setCellValue(score.components().get(c).figure());
        }
      }
      sheet.createFreezePane(0, 2);
      for (int i = 0; i < HEADERS.size(); i++) {
        sheet.setColumnWidth(i, i == 3 ? 30 * 256 : 14 * 256);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws org.liangze.platform.FontUnavailableException if no Chinese font is installed or configured */
  byte[] pdf(Period period, String formulaVersion, List<UnitScore> ranking, Instant exportedAt) {
    try (PdfFonts.OpenFont font = fonts.open(); PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(title(period));
      document.getDocumentInformation().setCreator("Liangze 两责");
      Writer writer = new Writer(document, font, font.embedIn(document));
      writer.line(title(period), 16, 0);
      writer.line("评分公式版本 " + formulaVersion + " · 导出时间 "
          + EXPORTED.format(exportedAt.atZone(Period.BEIJING)) + "（北京时间）", 9, 0);
      writer.gap();
      float[] columns = {0, 70, 130, 180, 380};
      writer.row(columns, 10, "单位类型", "类型内排名", "单位编码", "单位名称", "得分");
      for (UnitScore score : ranking) {
        writer.row(columns, 10, score.unitTypeLabel(), String.valueOf(score.rankInType()), score.unitCode(),
            score.unitName(), plain(score.score()));
      }
      writer.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String plain(BigDecimal score) {
    return score.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** Lines top to bottom on A4 pages, set by {@link PdfText}. */
  private static final class Writer {
    private static final float MARGIN = 50;
    private final PDDocument document;
    private final PdfText text;
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument document, PdfFonts.OpenFont glyphs, PDFont chinese) throws IOException {
      this.document = document;
      this.text = new PdfText(glyphs, chinese);
      newPage();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void gap() {
      y -= 8;
    }

    void line(String text, float size, float x) throws IOException {
      ensure(size);
      show(text, size, MARGIN + x);
      y -= size * 1.6f;
    }

    void row(float[] columns, float size, String... cells) throws IOException {
      ensure(size);
      for (int i = 0; i < cells.length; i++) {
        show(cells[i], size, MARGIN + columns[i]);
      }
      y -= size * 1.6f;
    }

    private void ensure(float size) throws IOException {
      if (y - size < MARGIN) {
        newPage();
      }
    }

    private void show(String cell, float size, float x) throws IOException {
      text.show(stream, cell, x, y, size, Color.BLACK);
    }

    void close() throws IOException {
      stream.close();
    }
  }
}
