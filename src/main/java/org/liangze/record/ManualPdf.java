package org.liangze.record;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.liangze.platform.FontUnavailableException;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
import org.springframework.stereotype.Component;

/**
 * Writes a unit's record manual as a printable A4 PDF: title, unit, export time, the entries as a table (序号,
 * 履责时间, 类型, 记录人, 摘要), the chain's verdict, page numbers. Chinese is set in an embedded TrueType font
 * ({@link PdfFonts}); what that font lacks (Droid Sans Fallback has no Latin letters or digits at all) in Helvetica,
 * one of the standard fonts every PDF viewer has. Text is wrapped by measured character width, since Chinese has no
 * spaces to break at.
 */
@Component
class ManualPdf {

  /** Where the summary column starts, in points from the page's left edge (tests read the column by area). */
  static final float SUMMARY_LEFT = Layout.MARGIN + 34 + 84 + 42 + 88;
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter EXPORTED = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final PdfFonts fonts;

  ManualPdf(PdfFonts fonts) {
    this.fonts = fonts;
  }

  /** @throws FontUnavailableException if no usable Chinese font is installed or configured */
  byte[] write(ManualSnapshot manual) {
    try (PdfFonts.OpenFont font = fonts.open(); PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(manual.title());
      info.setCreator("Liangze 两责");
      new Layout(document, font, font.embedIn(document)).write(manual);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // the font subset is built here, from the glyphs the pages use
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One document being laid out, top to bottom, page after page. */
  private static final class Layout {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 48;
    static final float BOTTOM = 56;
    static final float SIZE = 9;
    static final float LEADING = 13;
    static final float PADDING = 3;
    static final Color TEXT = Color.BLACK;
    static final Color MUTED = new Color(0x66, 0x66, 0x66);
    static final Color RULE = new Color(0xBB, 0xBB, 0xBB);
    static final Color HEAD = new Color(0xE8, 0xE8, 0xE8);
    static final Color GREEN = new Color(0x1B, 0x7F, 0x3B);
    static final Color RED = new Color(0xC6, 0x28, 0x28);

    static final String[] HEADERS = {"序号", "履责时间", "类型", "记录人", "摘要"};
    /** Column widths in points; the summary takes what is left of the page. */
    static final float[] WIDTHS = {34, 84, 42, 88, PAGE.getWidth() - MARGIN - SUMMARY_LEFT};

    final PDDocument document;
    final PdfText typeset;
    PDPageContentStream page;
    float y;

    Layout(PDDocument document, PdfFonts.OpenFont glyphs, PDType0Font chinese) {
      this.document = document;
      this.typeset = new PdfText(glyphs, chinese);
    }

    void write(ManualSnapshot manual) throws IOException {
      newPage();
      centred(manual.title(), 16, TEXT);
      y -= 10;
      line("单位：" + manual.unit().name() + "（" + manual.unit().code() + "）", 10, TEXT);
      line("导出时间：" + EXPORTED.format(manual.takenAt()) + "（" + zoneLabel(manual) + "）", 10, TEXT);
      line("记录条数：" + manual.entries().size(), 10, TEXT);
      y -= 8;
      tableHeader();
      for (RecordEntry entry : manual.entries()) {
        row(entry, manual);
      }
      if (manual.entries().isEmpty()) {
        line("（暂无记录）", SIZE, MUTED);
      }
      y -= 12;
      boolean intact = manual.verification().intact();
      line("链校验：" + manual.verdict(), 11, intact ? GREEN : RED);
      line(manual.checkpointNote(), SIZE, MUTED);
      // what holds and what does not (README "Who can rewrite the record"): no more is claimed than that
      line("每条记录以 " + hashAlgorithms(manual) + " 哈希与前一条相连，绕过平台的修改、删除在校验中被发现并定位。"
          + "已纳入签名检查点的记录，即使掌握数据库权限者重算哈希，也会因与签名检查点不符而被发现；检查点表一并被改写的，"
          + "凭区纪委监委在系统外留存的检查点回执发现。不能保证发现的：尚未纳入检查点的记录被掌握数据库权限者改写；"
          + "同时掌握数据库和签名密钥者在两次回执之间的改写，对没有更早回执的人不可见。", SIZE, MUTED);
      page.close();
      numberPages();
    }

    private void row(RecordEntry entry, ManualSnapshot manual) throws IOException {
      List<List<Cell>> columns = List.of(
          cells(String.valueOf(entry.seq()), 0, TEXT),
          cells(MINUTES.format(manual.local(entry.occurredAt())), 1, TEXT),
          cells(entry.kind().label(), 2, TEXT),
          actor(entry, manual),
          summary(entry));
      int lines = columns.stream().mapToInt(List::size).max().orElse(1);
      y -= PADDING;
      for (int i = 0; i < lines; i++) {
        // a long entry continues on the next page under a repeated header rather than running off the page
        if (y - LEADING < BOTTOM) {
          page.close();
          newPage();
          tableHeader();
          y -= PADDING;
        }
        y -= LEADING;
        float x = MARGIN;
        for (int column = 0; column < columns.size(); column++) {
          List<Cell> cells = columns.get(column);
          if (i < cells.size()) {
            show(cells.get(i).text(), x + PADDING, y + 3, SIZE, cells.get(i).colour());
          }
          x += WIDTHS[column];
        }
      }
      y -= PADDING;
      rule(y);
    }

    /** Name above login: two short lines read better in a narrow column than one broken in the middle. */
    private List<Cell> actor(RecordEntry entry, ManualSnapshot manual) {
      List<Cell> cells = new ArrayList<>();
      if (manual.actorName(entry) != null) {
        cells.addAll(cells(manual.actorName(entry), 3, TEXT));
      }
      cells.addAll(cells(entry.actor(), 3, manual.actorName(entry) == null ? TEXT : MUTED));
      return cells;
    }

    private List<Cell> summary(RecordEntry entry) {
      List<Cell> cells = new ArrayList<>(cells(entry.summary(), 4, TEXT));
      if (entry.lateReason() != null && !entry.lateReason().isBlank()) {
        cells.addAll(cells("补录原因：" + entry.lateReason(), 4, MUTED));
      }
      return cells;
    }

    private List<Cell> cells(String text, int column, Color colour) {
      return wrap(text, WIDTHS[column] - 2 * PADDING, SIZE).stream().map(line -> new Cell(line, colour)).toList();
    }

    private void tableHeader() throws IOException {
      float height = LEADING + 2 * PADDING;
      page.setNonStrokingColor(HEAD);
      page.addRect(MARGIN, y - height, PAGE.getWidth() - 2 * MARGIN, height);
      page.fill();
      float x = MARGIN;
      for (int column = 0; column < HEADERS.length; column++) {
        show(HEADERS[column], x + PADDING, y - PADDING - LEADING + 3, SIZE, TEXT);
        x += WIDTHS[column];
      }
      y -= height;
    }

    private void newPage() throws IOException {
      PDPage next = new PDPage(PAGE);
      document.addPage(next);
      page = new PDPageContentStream(document, next);
      y = PAGE.getHeight() - MARGIN;
    }

    /** "第 i 页，共 n 页" on every page, once the number of pages is known. */
    private void numberPages() throws IOException {
      int total = document.getNumberOfPages();
      for (int i = 0; i < total; i++) {
        try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
            PDPageContentStream.AppendMode.APPEND, true, true)) {
          String text = "第 " + (i + 1) + " 页，共 " + total + " 页";
          float width = width(text, 8);
          page = footer; // draw with the same helper as the body
          show(text, (PAGE.getWidth() - width) / 2, BOTTOM / 2, 8, MUTED);
        }
      }
    }

    private void centred(String text, float size, Color colour) throws IOException {
      for (String part : wrap(text, PAGE.getWidth() - 2 * MARGIN, size)) {
        y -= size * 1.5f;
        show(part, (PAGE.getWidth() - width(part, size)) / 2, y, size, colour);
      }
    }

    /** A paragraph across the page, wrapped, continuing on a new page when this one is full. */
    private void line(String text, float size, Color colour) throws IOException {
      for (String part : wrap(text, PAGE.getWidth() - 2 * MARGIN, size)) {
        if (y - size * 1.6f < BOTTOM) {
          page.close();
          newPage();
        }
        y -= size * 1.6f;
        show(part, MARGIN, y, size, colour);
      }
    }

    private void rule(float at) throws IOException {
      page.setStrokingColor(RULE);
      page.setLineWidth(0.5f);
      page.moveTo(MARGIN, at);
      page.lineTo(PAGE.getWidth() - MARGIN, at);
      page.stroke();
    }

    private void show(String text, float x, float baseline, float size, Color colour) throws IOException {
      typeset.show(page, text, x, baseline, size, colour);
    }

    private List<String> wrap(String text, float width, float size) {
      return typeset.wrap(text, width, size);
    }

    private float width(String text, float size) {
      return typeset.width(text, size);
    }

    private static String zoneLabel(ManualSnapshot manual) {
      return "Asia/Shanghai".equals(manual.zone().getId()) ? "北京时间" : manual.zone().getId();
    }

    private static String hashAlgorithms(ManualSnapshot manual) {
      List<String> algorithms = manual.entries().stream().map(RecordEntry::hashAlgorithm).distinct().toList();
      return algorithms.isEmpty() ? RecordHashing.CURRENT : String.join("、", algorithms);
    }

    private record Cell(String text, Color colour) {
    }
  }
}
