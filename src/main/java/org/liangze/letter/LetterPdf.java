package org.liangze.letter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.liangze.record.EntryVerifications;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
import org.liangze.record.QrCodes;
import org.liangze.record.RecordEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The responsibility letter to print, sign by hand and seal: the letter's text, the signature lines of the issuing
 * level (签订单位, 甲方) and of the unit (责任单位, 乙方) — the name as signed on the platform, a line to sign on, a
 * line for the date — and a seal area (盖章处) for each, then the record entry that recorded the electronic
 * signature: its reference, its hash (short) and a QR code opening its verification at the platform's public
 * address ({@code liangze.public-url}). A letter not yet signed prints as 草稿, without a QR code. Written with
 * the platform's embedded Chinese font ({@link PdfFonts}) and ZXing's QR codes ({@link QrCodes}).
 */
@Component
class LetterPdf {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float MARGIN = 56;
  private static final float BOTTOM = 48;
  private static final float SIZE = 10.5f;
  private static final Color MUTED = new Color(0x55, 0x55, 0x55);
  private static final Color RED = new Color(0xC6, 0x28, 0x28);
  /** Height of the signature block with its seal areas and the record's QR code. */
  private static final float SIGNATURE_BLOCK = 330;
  private static final float QR = 96;

  private final PdfFonts fonts;
  private final Clock clock;
  private final String publicUrl;

  LetterPdf(PdfFonts fonts, Clock clock, @Value("${liangze.public-url:http://localhost:8080}") String publicUrl) {
    this.fonts = fonts;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** What the paper says besides the letter's own fields. */
  record Parties(String unitName, String issuerName) {
  }

  String verificationUrl(RecordEntry entry) {
    return publicUrl + EntryVerifications.path(entry.id());
  }

  byte[] write(Letter letter, Parties parties, RecordEntry signingEntry) {
    boolean draft = !letter.signed();
    try (PdfFonts.OpenFont glyphs = fonts.open(); PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(letter.title() + (draft ? "（草稿）" : ""));
      document.getDocumentInformation().setCreator("Liangze 两责");
      Writer w = new Writer(document, glyphs, glyphs.embedIn(document));
      if (draft) {
        w.show("草稿", PAGE.getWidth() - MARGIN - w.width("草稿", 22), PAGE.getHeight() - 40, 22, RED);
        w.centred("草稿：本责任书尚未签订，仅供阅读，不作正式文本使用；签订后打印的正式文本附核验二维码。", 9, RED);
      }
      w.centred(letter.title(), 17, Color.BLACK);
      w.centred("第" + letter.revision() + "版，下发于" + day(letter.issuedAt()), 9, MUTED);
      w.gap(6);
      for (LetterText.Block block : LetterText.blocks(letter.content())) {
        switch (block.kind()) {
          case HEADING -> {
            w.gap(4);
            w.paragraph(block.text(), 12, Color.BLACK, 0);
          }
          case PARAGRAPH -> w.paragraph("　　" + block.text(), SIZE, Color.BLACK, 0);
          case ITEM -> w.paragraph(block.text(), 9.5f, Color.BLACK, 12);
        }
      }
      w.gap(10);
      int pages = document.getNumberOfPages();
      w.ensure(SIGNATURE_BLOCK);
      if (document.getNumberOfPages() > pages) {
        // a signature page alone must still say which letter it signs
        w.centred("（此页为《" + letter.title() + "》第" + letter.revision() + "版签署页）", 9, MUTED);
        w.gap(8);
      }
      signatures(w, letter, parties);
      record(w, letter, parties, signingEntry, draft);
      w.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signatures(Writer w, Letter letter, Parties parties) throws IOException {
    float column = (PAGE.getWidth() - 2 * MARGIN - 24) / 2;
    float top = w.y;
    float left = MARGIN;
    float right = MARGIN + column + 24;
    float leftEnd = party(w, left, top, column, "签订单位（甲方）：" + parties.issuerName(), "会签人",
        letter.countersignature(), letter.countersignedAt(), "（待会签）");
    float rightEnd = party(w, right, top, column, "责任单位（乙方）：" + parties.unitName() + "党组织", "第一责任人",
        letter.signature(), letter.signedAt(), "（待签订）");
    w.y = Math.min(leftEnd, rightEnd);
  }

  /** One party's signature lines and seal area, in a column from {@code top} down; returns where it ends. */
  private float party(Writer w, float x, float top, float width, String heading, String role, String name,
      OffsetDateTime at, String missing) throws IOException {
    float y = top;
    for (String line : w.wrap(heading, SIZE, width)) {
      y -= 16;
      w.show(line, x, y, SIZE, Color.BLACK);
    }
    y -= 20;
    w.show(role + "（印刷体）：" + (name == null ? missing : name), x, y, SIZE, Color.BLACK);
    y -= 26;
    w.show(role + "（签字）：", x, y, SIZE, Color.BLACK);
    w.rule(x + w.width(role + "（签字）：", SIZE), y - 2, x + width - 8);
    y -= 26;
    w.show("日期：", x, y, SIZE, Color.BLACK);
    w.rule(x + w.width("日期：", SIZE), y - 2, x + width - 8);
    y -= 13;
    if (at != null) {
      w.show("（平台电子签订：" + day(at) + "）", x, y, 8, MUTED);
    }
    float seal = 92;
    y -= 14 + seal;
    float sealX = x + (width - seal) / 2;
    w.dashedBox(sealX, y, seal, seal);
    w.show("盖章处", sealX + (seal - w.width("盖章处", 10)) / 2, y + seal / 2 - 4, 10, MUTED);
    return y - 8;
  }

  private void record(Writer w, Letter letter, Parties parties, RecordEntry entry, boolean draft) throws IOException {
    w.gap(4);
    if (draft) {
      w.paragraph("草稿：尚未签订，无纪实手册记录和核验二维码。", 9, RED, 0);
      return;
    }
    if (entry == null) {
      w.paragraph("电子签订记录：乙方已于" + day(letter.signedAt()) + "在平台签订；本责任书签订时未登记纪实手册记录号，无核验二维码。",
          9, MUTED, 0);
      return;
    }
    w.ensure(QR + 8);
    float top = w.y;
    String url = verificationUrl(entry);
    w.qr(url, MARGIN, top - QR, QR);
    float x = MARGIN + QR + 12;
    float width = PAGE.getWidth() - MARGIN - x;
    float y = top - 12;
    List<String> lines = new ArrayList<>();
    lines.add("电子签订记录：" + parties.unitName() + "纪实手册第" + entry.seq() + "条");
    lines.add("记录哈希（SM3）：" + shortHash(entry.entryHash()));
    lines.add("扫描左侧二维码，可核验该记录在本单位纪实链中是否完整。");
    for (String text : lines) {
      for (String line : w.wrap(text, 9, width)) {
        w.show(line, x, y, 9, Color.BLACK);
        y -= 13;
      }
    }
    for (String line : w.wrap(url, 7.5f, width)) {
      w.show(line, x, y, 7.5f, MUTED);
      y -= 11;
    }
    w.y = Math.min(y, top - QR) - 4;
  }

  static String shortHash(String hash) {
    return hash.length() <= 24 ? hash : hash.substring(0, 16) + "…" + hash.substring(hash.length() - 8);
  }

  private String day(OffsetDateTime time) {
    return time == null ? "" : DAY.format(time.atZoneSameInstant(clock.getZone()));
  }

  /** Lays text out top-down, page by page, in the Chinese font where it has the glyph and Helvetica elsewhere. */
  private static final class Writer {
    private final PDDocument document;
    private final PdfText typeset;
    private PDPageContentStream out;
    float y;

    Writer(PDDocument document, PdfFonts.OpenFont glyphs, PDType0Font chinese) throws IOException {
      this.document = document;
      this.typeset = new PdfText(glyphs, chinese);
      newPage();
    }

    void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PAGE);
      document.addPage(page);
      out = new PDPageContentStream(document, page);
      y = PAGE.getHeight() - MARGIN;
    }

    /** Starts a new page unless this much room is left. */
    void ensure(float height) throws IOException {
      if (y - height < BOTTOM) {
        newPage();
      }
    }

    void gap(float points) {
      y -= points;
    }

    void centred(String text, float size, Color colour) throws IOException {
      for (String line : wrap(text, size, PAGE.getWidth() - 2 * MARGIN)) {
        ensure(size * 1.6f);
        y -= size * 1.6f;
        show(line, (PAGE.getWidth() - width(line, size)) / 2, y, size, colour);
      }
    }

    void paragraph(String text, float size, Color colour, float indent) throws IOException {
      for (String line : wrap(text, size, PAGE.getWidth() - 2 * MARGIN - indent)) {
        ensure(size * 1.6f);
        y -= size * 1.6f;
        show(line, MARGIN + indent, y, size, colour);
      }
    }

    /** Wrapped to {@code max} points; an empty text is one empty line. */
    List<String> wrap(String text, float size, float max) {
      List<String> lines = typeset.wrap(text, max, size);
      return lines.isEmpty() ? List.of("") : lines;
    }

    float width(String text, float size) {
      return typeset.width(text, size);
    }

    void show(String text, float x, float baseline, float size, Color colour) throws IOException {
      typeset.show(out, text, x, baseline, size, colour);
    }

    /** A line to write on by hand. */
    void rule(float fromX, float atY, float toX) throws IOException {
      out.setStrokingColor(Color.BLACK);
      out.setLineWidth(0.6f);
      out.moveTo(fromX, atY);
      out.lineTo(toX, atY);
      out.stroke();
    }

    void dashedBox(float x, float boxY, float width, float height) throws IOException {
      out.setStrokingColor(MUTED);
      out.setLineWidth(0.8f);
      out.setLineDashPattern(new float[] {4, 3}, 0);
      out.addRect(x, boxY, width, height);
      out.stroke();
      out.setLineDashPattern(new float[] {}, 0);
    }

    void qr(String content, float x, float qrY, float size) throws IOException {
      QrCodes.drawImage(document, out, content, x, qrY, size);
    }

    void close() throws IOException {
      out.close();
    }
  }
}
