package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.Officials;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitType;
import org.liangze.platform.FontUnavailableException;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfProperties;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The PDF export's font handling: no Chinese font means a clear 503, never a PDF with missing glyphs. */
class ManualPdfTest {

  static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

  @AfterEach
  void logout() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aMissingFontIsRefusedNamingThePropertyToSet() {
    PdfFonts fonts = new PdfFonts(new PdfProperties("/nonexistent/font.ttf"));
    assertThat(fonts.locate()).isEmpty();
    assertThatThrownBy(() -> new ManualPdf(fonts).write(snapshot("党组会")))
        .isInstanceOf(FontUnavailableException.class)
        .hasMessageContaining("liangze.pdf.font").hasMessageContaining("LIANGZE_PDF_FONT")
        .hasMessageContaining("/nonexistent/font.ttf");
  }

  @Test
  void aFontWithoutChineseGlyphsIsRefused() {
    assumeThat(DEJAVU).as("a Latin-only font to try").exists();
    assertThatThrownBy(() -> new ManualPdf(new PdfFonts(new PdfProperties(DEJAVU.toString())))
        .write(snapshot("党组会"))).isInstanceOf(FontUnavailableException.class)
        .hasMessageContaining("no Chinese glyphs");
  }

  @Test
  void withoutAFontTheEndpointAnswers503InChinese() throws Exception {
    RecordExports exports = mock(RecordExports.class);
    when(exports.snapshot(any(), eq("D01"))).thenReturn(snapshot("党组会"));
    ManualPdf pdf = new ManualPdf(new PdfFonts(new PdfProperties("/nonexistent/font.ttf")));
    // the snapshot's entry belongs to no process: the workbook asks the engine for no label
    MockMvc mvc = MockMvcBuilders.standaloneSetup(
        new RecordExportController(exports, new ManualWorkbook(new ProcessLabels(null)), pdf, new Officials())).build();
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        "d01sec", null, List.of(new SimpleGrantedAuthority("unitD01secretary"))));

    mvc.perform(get("/api/units/D01/record/export.pdf"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(FontUnavailableException.FOR_PEOPLE));
    // the workbook needs no font
    mvc.perform(get("/api/units/D01/record/export.xlsx")).andExpect(status().isOk());
  }

  @Test
  void charactersNoFontHasBecomeAStandInAndLatinTextIsKept() throws IOException {
    PdfFonts fonts = new PdfFonts(new PdfProperties(""));
    assumeThat(fonts.locate()).as("a Chinese font installed (fonts-droid-fallback)").isPresent();
    // U+2A6D6 (CJK Extension B) and an emoji are in neither Droid Sans Fallback nor Helvetica
    byte[] bytes = new ManualPdf(fonts).write(snapshot("学习笔记 v2.0：“两个责任”\uD869\uDED6\uD83D\uDE00完"));
    try (PDDocument document = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("学习笔记 v2.0：“两个责任”").contains("完").contains("链校验：完整");
      assertThat(text).containsAnyOf("〓〓完", "??完");
    }
  }

  @Test
  void theClaimUnderTheManualNamesTheCheckpointAndWhatItDoesNotCover() throws IOException {
    PdfFonts fonts = new PdfFonts(new PdfProperties(""));
    assumeThat(fonts.locate()).as("a Chinese font installed (fonts-droid-fallback)").isPresent();
    ManualSnapshot plain = snapshot("党组会");
    ManualSnapshot covered = new ManualSnapshot(plain.unit(), plain.entries(), new ChainReport("D01", 1, null, 4L),
        plain.actorNames(), plain.takenAt(), new Checkpoints.Coverage(4, Instant.parse("2026-03-02T16:30:00Z"),
            "ab".repeat(32), 1));
    try (PDDocument document = Loader.loadPDF(new ManualPdf(fonts).write(covered))) {
      String text = new PDFTextStripper().getText(document).replaceAll("\\s", "");
      assertThat(text).contains("第1–1条记录已纳入第4号签名检查点（2026-03-0300:30，根哈希abababababababab…）")
          .contains("与签名检查点不符").contains("同时掌握数据库和签名密钥者在两次回执之间的改写");
    }
    try (PDDocument document = Loader.loadPDF(new ManualPdf(fonts).write(plain))) {
      assertThat(new PDFTextStripper().getText(document).replaceAll("\\s", ""))
          .contains("本手册尚无记录纳入签名检查点");
    }
  }

  static ManualSnapshot snapshot(String summary) {
    Instant at = Instant.parse("2026-03-02T01:30:00Z");
    RecordEntry entry = new RecordEntry(1, "D01", 1, EntryKind.STUDY, null, "d01staff", at, at, summary, null,
        null, null, List.of(), "SM3", RecordHashing.GENESIS, "0".repeat(64));
    return new ManualSnapshot(new Unit("D01", "区教育和体育局", UnitType.DISTRICT_DEPARTMENT, null), List.of(entry),
        new ChainReport("D01", 1, null), Map.of("d01staff", "王芳"), ZonedDateTime.of(2026, 3, 3, 10, 0, 0, 0,
            ZoneId.of("Asia/Shanghai")));
  }
}
