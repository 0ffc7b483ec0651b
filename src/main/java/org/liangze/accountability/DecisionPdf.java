package org.liangze.accountability;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.liangze.record.PdfFonts;
import org.springframework.stereotype.Component;

/**
 * A written decision (问责决定书) as an A4 PDF: a centred title and number, then headed sections of wrapped text, in
 * the platform's embedded Chinese font (as the record manual's PDFs).
 */
@Component
class DecisionPdf {

  private static final float MARGIN = 64;
  private static final float SIZE = 12;
  private static final float LEADING = 20;
  private static final PDFont LATIN = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private final PdfFonts fonts;

  DecisionPdf(PdfFonts fonts) {
    this.fonts = fonts;
  }

  /** A section of the decision: a heading (may be null) and its paragraphs. */
  record Section(String heading, List<String> paragraphs) {
  }

  byte[] write(String title, String number, List<Section> sections, String issuer, String date) {
    try (PdfFonts.OpenFont glyphs = fonts.open(); PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(title + " " + number);
      document.getDocumentInformation().setCreator("Liangze 两责");
      Writer writer = new Writer(document, glyphs, glyphs.embedIn(document));
      writer.centred(title, 20);
      writer.centred(number, SIZE);
      writer.gap();
      for (Section section : sections) {
        if (section.heading() != null) {
          writer.paragraph(section.heading(), 14);
        }
        for (String paragraph : section.paragraphs()) {
          for (String line : paragraph.split("\n")) {
            writer.paragraph(line, SIZE);
          }
        }
        writer.gap();
      }
      writer.right(issuer);
      writer.right(date);
      writer.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Writer {
    private final PDDocument document;
    private final PdfFonts.OpenFont glyphs;
    private final PDType0Font chinese;
    private PDPageContentStream out;
    private float y;

    Writer(PDDocument document, PdfFonts.OpenFont glyphs, PDType0Font chinese) throws IOException {
      this.document = document;
      this.glyphs = glyphs;
      this.chinese = chinese;
      newPage();
    }

    private void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      out = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void gap() {
      y -= LEADING / 2;
    }

    void centred(String text, float size) throws IOException {
      float width = width(text, size);
      line(text, (PDRectangle.A4.getWidth() - width) / 2, size);
    }

    void right(String text) throws IOException {
      line(text, PDRectangle.A4.getWidth() - MARGIN - width(text, SIZE), SIZE);
    }

    void paragraph(String text, float size) throws IOException {
      float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
      for (String line : wrap(text, size, max)) {
        line(line, MARGIN, size);
      }
    }

    private List<String> wrap(String text, float size, float max) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (int i = 0; i < text.length(); ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        String next = current + new String(Character.toChars(c));
        if (width(next, size) > max && !current.isEmpty()) {
          lines.add(current.toString());
          current.setLength(0);
        }
        current.appendCodePoint(c);
      }
      lines.add(current.toString());
      return lines;
    }

    private float width(String text, float size) throws IOException {
      float width = 0;
      for (int i = 0; i < text.length(); ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        String glyph = new String(Character.toChars(c));
        width += (glyphs.canShow(c) ? chinese.getStringWidth(glyph) : LATIN.getStringWidth(latin(glyph))) / 1000 * size;
      }
      return width;
    }

    private static String latin(String glyph) {
      return glyph.chars().allMatch(ch -> ch >= 32 && ch < 127) ? glyph : "?";
    }

    private void line(String text, float x, float size) throws IOException {
      if (y - LEADING < MARGIN) {
        newPage();
      }
      y -= LEADING * size / SIZE;
      out.beginText();
      out.setNonStrokingColor(Color.BLACK);
      out.newLineAtOffset(x, y);
      StringBuilder run = new StringBuilder();
      PDFont runFont = null;
      for (int i = 0; i < text.length(); ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        PDFont font = glyphs.canShow(c) ? chinese : LATIN;
        String glyph = font == LATIN ? latin(new String(Character.toChars(c))) : new String(Character.toChars(c));
        if (font != runFont && !run.isEmpty()) {
          out.setFont(runFont, size);
          out.showText(run.toString());
          run.setLength(0);
        }
        runFont = font;
        run.append(glyph);
      }
      if (runFont != null && !run.isEmpty()) {
        out.setFont(runFont, size);
        out.showText(run.toString());
      }
      out.endText();
    }

    void close() throws IOException {
      out.close();
    }
  }
}
