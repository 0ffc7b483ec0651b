package org.liangze.demo;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.liangze.record.FontUnavailableException;
import org.liangze.record.PdfFonts;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's evidence files, made when seeded: a small A5 document (meeting minutes, a checklist) as a PDF, or the
 * same rendered as a PNG "photo" of the paper. Written with the platform's PDF font; without one (the Debian package
 * fonts-droid-fallback is missing) the demo's entries go without files.
 */
@Component
@Profile("demo")
class DemoEvidence {

  private static final PDFont LATIN = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private final PdfFonts fonts;

  DemoEvidence(PdfFonts fonts) {
    this.fonts = fonts;
  }

  /** The platform's PDF font, opened once for several documents; empty without one. */
  Optional<Writer> open() {
    try {
      return Optional.of(new Writer(fonts.open()));
    } catch (FontUnavailableException noFont) {
      return Optional.empty();
    }
  }

  /** Writes documents in an opened font; close it when done. */
  static final class Writer implements Closeable {
    private final PdfFonts.OpenFont font;

    Writer(PdfFonts.OpenFont font) {
      this.font = font;
    }

    /** A one-page A5 document of a title and lines, as a PDF. */
    byte[] pdf(String title, List<String> lines) {
      try (PDDocument document = new PDDocument()) {
        PDPage page = new PDPage(PDRectangle.A5);
        document.addPage(page);
        PDFont embedded = font.embedIn(document);
        float width = page.getMediaBox().getWidth();
        float y = page.getMediaBox().getHeight() - 60;
        try (PDPageContentStream out = new PDPageContentStream(document, page)) {
          out.beginText();
          out.newLineAtOffset((width - title.length() * 16) / 2, y);
          show(out, title, 16, embedded, font);
          out.endText();
          y -= 36;
          for (String line : lines) {
            for (String part : wrap(line, 24)) {
              out.beginText();
              out.newLineAtOffset(40, y);
              show(out, part, 11, embedded, font);
              out.endText();
              y -= 20;
            }
          }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The same document as a PNG picture of the page (a photo of the paper). */
    byte[] png(String title, List<String> lines) {
      try (PDDocument document = Loader.loadPDF(pdf(title, lines))) {
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 72);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      font.close();
    }
  }

  /** Chinese in the embedded font, digits and Latin letters (which CJK fallback fonts lack) in Helvetica. */
  private static void show(PDPageContentStream out, String text, float size, PDFont chinese,
      PdfFonts.OpenFont glyphs) throws IOException {
    StringBuilder run = new StringBuilder();
    PDFont runFont = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      PDFont font = glyphs.canShow(c) ? chinese : LATIN;
      String glyph = font == LATIN && (c < 32 || c >= 127) ? "?" : new String(Character.toChars(c));
      if (font != runFont && !run.isEmpty()) {
        out.setFont(runFont, size);
        out.showText(run.toString());
        run.setLength(0);
      }
      runFont = font;
      run.append(glyph);
    }
    if (!run.isEmpty()) {
      out.setFont(runFont, size);
      out.showText(run.toString());
    }
  }

  private static List<String> wrap(String line, int perLine) {
    java.util.ArrayList<String> parts = new java.util.ArrayList<>();
    for (int i = 0; i < line.length(); i += perLine) {
      parts.add(line.substring(i, Math.min(line.length(), i + perLine)));
    }
    return parts;
  }
}
