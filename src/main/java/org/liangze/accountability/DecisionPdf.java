package org.liangze.accountability;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
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
    private final PdfText text;
    private PDPageContentStream out;
    private float y;

    Writer(PDDocument document, PdfFonts.OpenFont glyphs, PDType0Font chinese) throws IOException {
      this.document = document;
      this.text = new PdfText(glyphs, chinese);
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

    void centred(String line, float size) throws IOException {
      line(line, (PDRectangle.A4.getWidth() - text.width(line, size)) / 2, size);
    }

    void right(String line) throws IOException {
      line(line, PDRectangle.A4.getWidth() - MARGIN - text.width(line, SIZE), SIZE);
    }

    /** Wrapped across the page; an empty paragraph is an empty line. */
    void paragraph(String paragraph, float size) throws IOException {
      List<String> lines = text.wrap(paragraph, PDRectangle.A4.getWidth() - 2 * MARGIN, size);
      for (String line : lines.isEmpty() ? List.of("") : lines) {
        line(line, MARGIN, size);
      }
    }

    private void line(String line, float x, float size) throws IOException {
      if (y - LEADING < MARGIN) {
        newPage();
      }
      y -= LEADING * size / SIZE;
      text.show(out, line, x, y, size, Color.BLACK);
    }

    void close() throws IOException {
      out.close();
    }
  }
}
