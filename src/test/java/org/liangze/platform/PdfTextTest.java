package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every PDF the platform writes sets its text: Chinese, Latin, what no font has, and where lines break. */
class PdfTextTest {

  /** U+2A6D6 (CJK Extension B) and an emoji: in neither Droid Sans Fallback nor Helvetica. */
  static final String RARE = "\uD869\uDED6\uD83D\uDE00";

  PdfFonts fonts;

  @BeforeEach
  void font() {
    fonts = new PdfFonts(new PdfProperties(""));
    assumeThat(fonts.locate()).as("a Chinese font installed (fonts-droid-fallback)").isPresent();
  }

  @Test
  void chineseLatinAndTypographicPunctuationAreShownAndWhatNoFontHasIsAStandIn() throws IOException {
    String line = "第1季度 v2.0：“两个责任”—‘落实’…" + RARE + "完";
    String text = written(typeset -> List.of(line));
    assertThat(text).contains("第1季度 v2.0：“两个责任”—‘落实’…").contains("完");
    assertThat(text).containsAnyOf("〓〓完", "??完");
  }

  @Test
  void linesBreakAtTheWidthButNeverBeforeClosingPunctuation() throws IOException {
    try (PdfFonts.OpenFont glyphs = fonts.open(); PDDocument document = new PDDocument()) {
      PdfText typeset = new PdfText(glyphs, glyphs.embedIn(document));
      float width = typeset.width("责任清单", 12);
      assertThat(width).isGreaterThan(0);
      // four characters fit a line: the fifth, a full stop, hangs on the line before instead of starting one
      assertThat(typeset.wrap("责任清单。履责纪实", width + 1, 12)).containsExactly("责任清单。", "履责纪实");
      assertThat(typeset.wrap("责任清单履责纪实", width + 1, 12)).containsExactly("责任清单", "履责纪实");
      assertThat(typeset.wrap("一\n二", 500, 12)).containsExactly("一", "二");
      assertThat(typeset.wrap("", 500, 12)).isEmpty();
      // a character no font has is measured and kept as its stand-in
      assertThat(typeset.wrap(RARE, 500, 12)).singleElement().satisfies(stand -> assertThat(stand)
          .isIn("〓〓", "??"));
    }
  }

  private String written(java.util.function.Function<PdfText, List<String>> lines) throws IOException {
    try (PdfFonts.OpenFont glyphs = fonts.open(); PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      PdfText typeset = new PdfText(glyphs, glyphs.embedIn(document));
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        float y = 700;
        for (String line : lines.apply(typeset)) {
          typeset.show(out, line, 50, y, 12, Color.BLACK);
          y -= 20;
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      try (PDDocument read = Loader.loadPDF(bytes.toByteArray())) {
        return new PDFTextStripper().getText(read);
      }
    }
  }
}
