package org.liangze.demo;

import java.awt.Color;
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
import org.apache.pdfbox.rendering.PDFRenderer;
import org.liangze.platform.FontUnavailableException;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
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
        PdfText text = new PdfText(font, font.embedIn(document));
        float width = page.getMediaBox().getWidth();
        float y = page.getMediaBox().getHeight() - 60;
        try (PDPageContentStream out = new PDPageContentStream(document, page)) {
          text.show(out, title, (width - text.width(title, 16)) / 2, y, 16, Color.BLACK);
          y -= 36;
          for (String line : lines) {
            for (String part : text.wrap(line, width - 80, 11)) {
              text.show(out, part, 40, y, 11, Color.BLACK);
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
}
