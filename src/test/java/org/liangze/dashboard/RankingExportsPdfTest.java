package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.UnitType;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfProperties;

/** The ranking's PDF: a unit whose name has a character no font has is still listed (the export used to fail). */
class RankingExportsPdfTest {

  @Test
  void aUnitNameWithACharacterNoFontHasIsListedWithAStandIn() throws IOException {
    PdfFonts fonts = new PdfFonts(new PdfProperties(""));
    assumeThat(fonts.locate()).as("a Chinese font installed (fonts-droid-fallback)").isPresent();
    Period period = Period.parse("2026Q1");
    // U+2A6D6 (CJK Extension B), as a village's name may carry: in neither Droid Sans Fallback nor Helvetica
    UnitScore rare = new UnitScore("T01V01", "第\uD869\uDED6村", UnitType.VILLAGE_OR_COMMUNITY, "2026Q1", "v1",
        new BigDecimal("87.5"), 1, 2, List.of(), Instant.parse("2026-04-01T00:00:00Z"));
    UnitScore plain = new UnitScore("T01V02", "第二村", UnitType.VILLAGE_OR_COMMUNITY, "2026Q1", "v1", new BigDecimal("80"), 2, 2,
        List.of(), Instant.parse("2026-04-01T00:00:00Z"));

    byte[] pdf = new RankingExports(fonts).pdf(period, "v1", List.of(rare, plain),
        Instant.parse("2026-04-02T02:00:00Z"));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).containsAnyOf("第〓村", "第?村").contains("87.50").contains("第二村").contains("80.00");
    }
  }
}
