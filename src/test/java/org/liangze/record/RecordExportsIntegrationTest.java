package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The record manual as a page, an Excel workbook and a PDF, over HTTP on a real PostgreSQL: the exports open, hold
 * every entry in chain order with Chinese intact, and only the unit's own people and supervisors get them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordExportsIntegrationTest {

  static final String PASSWORD = "demo-test-pw";
  /** 09:30 on 2 March 2026 in Jinan. */
  static final Instant MEETING_AT = Instant.parse("2026-03-02T01:30:00Z");
  static final String LONG_SUMMARY = "街道纪工委对辖区内各社区开展“三资”管理专项检查，重点检查集体资产台账、"
      + "大额资金支出审批、工程项目招投标和惠民资金发放情况，共发现问题十二个，已当场反馈并督促限期整改，"
      + "整改情况纳入下一季度自查和半年报告。";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RecordManual manual;
  @Autowired DataSource dataSource;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theUnitDownloadsItsManualAsAWorkbookAndAPdfAndReadsItAsAPage() throws IOException {
    append("D01", EntryKind.MEETING, MEETING_AT, "党组会专题研究党风廉政建设工作，传达学习区纪委全会精神", null);
    append("D01", EntryKind.TALK, MEETING_AT.plus(1, ChronoUnit.DAYS), "书记与新任中层干部开展任前廉政谈话", null);
    append("D01", EntryKind.INSPECTION, Instant.now().minus(10, ChronoUnit.DAYS), LONG_SUMMARY,
        "外出检查期间无法及时录入");
    // enough entries to fill more than one PDF page
    for (int i = 1; i <= 45; i++) {
      append("D01", EntryKind.STUDY, MEETING_AT.plus(i, ChronoUnit.HOURS), "第" + i + "次集中学习《中国共产党纪律处分条例》",
          null);
    }
    List<RecordEntry> entries = manual.entriesOf("D01");
    List<String> summaries = entries.stream().map(RecordEntry::summary).toList();

    // Excel: read back by POI, every entry in chain order
    ResponseEntity<byte[]> xlsx = as("d01sec").getForEntity("/api/units/D01/record/export.xlsx", byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(xlsx.getHeaders().getContentType().isCompatibleWith(RecordExportController.XLSX)).isTrue();
    assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).startsWith("区教育和体育局纪实手册-")
        .endsWith(".xlsx");
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("区教育和体育局纪实手册");
      List<String> headers = new ArrayList<>();
      sheet.getRow(1).forEach(cell -> headers.add(cell.getStringCellValue()));
      assertThat(headers).containsExactly("序号", "类型", "履责时间", "记录时间", "记录人", "摘要", "补录原因",
          "关联流程", "佐证材料数", "哈希算法", "本条哈希", "流程实例编号");
      assertThat(workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);

      List<String> rowSummaries = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Row row = sheet.getRow(2 + i);
        assertThat((long) row.getCell(0).getNumericCellValue()).isEqualTo(entries.get(i).seq());
        assertThat(row.getCell(10).getStringCellValue()).isEqualTo(entries.get(i).entryHash());
        rowSummaries.add(row.getCell(5).getStringCellValue());
      }
      assertThat(rowSummaries).containsExactlyElementsOf(summaries);
      Row first = sheet.getRow(2);
      assertThat(first.getCell(1).getStringCellValue()).isEqualTo("会议");
      assertThat(first.getCell(2).getLocalDateTimeCellValue()).as("times in Asia/Shanghai")
          .isEqualTo(LocalDateTime.of(2026, 3, 2, 9, 30));
      assertThat(first.getCell(4).getStringCellValue()).contains("d01staff");
      assertThat(first.getCell(9).getStringCellValue()).isEqualTo("SM3");
      assertThat(sheet.getRow(4).getCell(6).getStringCellValue()).isEqualTo("外出检查期间无法及时录入");
      assertThat(verdictOf(sheet)).isEqualTo("完整");
    }

    // PDF: read back by PDFBox; extracted text is the Chinese summaries, so glyphs map back to characters
    ResponseEntity<byte[]> pdf = as("d01sec").getForEntity("/api/units/D01/record/export.pdf", byte[].class);
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pdf.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
    try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
      // Chinese in an embedded CID font; Latin may be in Helvetica, a standard font every viewer has
      PDResources resources = document.getPage(0).getResources();
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : resources.getFontNames()) {
        fonts.add(resources.getFont(name));
      }
      assertThat(fonts).filteredOn(font -> font instanceof PDType0Font).isNotEmpty()
          .allSatisfy(font -> assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue());
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded() || font.isStandard14()).isTrue());
      String text = withoutWhitespace(new PDFTextStripper().getText(document));
      assertThat(text).contains("区教育和体育局纪实手册").contains("导出时间").contains("链校验：完整")
          .contains("第1页，共" + document.getNumberOfPages() + "页");
      // the summary column alone, page by page: every summary, in chain order, long ones wrapped across lines
      String column = withoutWhitespace(summaryColumn(document));
      assertThat(column).contains("摘要" + withoutWhitespace(summaries.get(0)));
      int from = 0;
      for (String summary : summaries) {
        int at = column.indexOf(withoutWhitespace(summary), from);
        assertThat(at).as("summary in order: %s", summary).isGreaterThanOrEqualTo(from);
        from = at + withoutWhitespace(summary).length();
      }
      assertThat(column).contains(withoutWhitespace(LONG_SUMMARY) + "补录原因：外出检查期间无法及时录入");
    }

    // the page
    ResponseEntity<String> page = as("d01sec").getForEntity("/pages/units/D01/record", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("区教育和体育局纪实手册").contains(">完整<")
        .contains("/api/units/D01/record/export.xlsx").contains("/api/units/D01/record/export.pdf")
        .doesNotContain("<form")
        // written up long after the fact, all at once: flagged, and the rows marked
        .contains("第1–" + entries.size() + "条记录（共" + entries.size() + "条）").contains("集中补录")
        .contains("class=\"backdated\"");
    summaries.forEach(summary -> assertThat(page.getBody()).contains(summary));
  }

  @Test
  void onlyTheUnitAndSupervisorsGetTheManual() {
    append("D02", EntryKind.MEETING, MEETING_AT, "住建局党组专题会议研究工程建设领域廉政风险防控", null);
    List<String> urls = List.of("/api/units/D02/record/export.xlsx", "/api/units/D02/record/export.pdf",
        "/pages/units/D02/record");
    for (String url : urls) {
      assertThat(as("d01sec").getForEntity(url, byte[].class).getStatusCode()).as("another unit: " + url)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(as("d02staff").getForEntity(url, byte[].class).getStatusCode()).as("own unit: " + url)
          .isEqualTo(HttpStatus.OK);
      assertThat(as("jiwei").getForEntity(url, byte[].class).getStatusCode()).as("supervisor: " + url)
          .isEqualTo(HttpStatus.OK);
      ResponseEntity<byte[]> anonymous = http.getForEntity(url, byte[].class);
      assertThat(anonymous.getStatusCode()).as("anonymous: " + url).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("realm=\"Liangze\"");
    }
    assertThat(as("d01sec").getForEntity("/pages/units/D02/record", String.class).getBody())
        .contains("无权查看").doesNotContain("住建局党组专题会议");
    assertThat(as("jiwei").getForEntity("/pages/units/NOPE/record", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aBrokenChainIsShownInRedWithWhereItBreaks() throws Exception {
    for (int i = 1; i <= 3; i++) {
      append("T02", EntryKind.STUDY, MEETING_AT, "西营镇党委第" + i + "次理论学习中心组学习", null);
    }
    long tampered = manual.entriesOf("T02").get(1).seq();
    asOwnerWithoutTrigger("update record_entries set summary = '篡改后的摘要' where unit_code = 'T02' and seq = "
        + tampered);

    ResponseEntity<byte[]> xlsx = as("jiwei").getForEntity("/api/units/T02/record/export.xlsx", byte[].class);
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      assertThat(verdictOf(workbook.getSheetAt(0))).isEqualTo("第" + tampered + "条断裂：内容被修改");
    }
    try (PDDocument document = Loader.loadPDF(
        as("jiwei").getForEntity("/api/units/T02/record/export.pdf", byte[].class).getBody())) {
      assertThat(withoutWhitespace(new PDFTextStripper().getText(document)))
          .contains("链校验：第" + tampered + "条断裂：内容被修改");
    }
    String page = as("t02sec").getForEntity("/pages/units/T02/record", String.class).getBody();
    assertThat(page).contains("status broken").contains("第" + tampered + "条断裂：内容被修改")
        .contains("id=\"entry-" + tampered + "\" class=\"broken\"");
  }

  private void append(String unit, EntryKind kind, Instant occurredAt, String summary, String lateReason) {
    manual.append(new NewEntry(unit, kind, null, unit.toLowerCase() + "staff", occurredAt, summary, lateReason,
        null, null, null));
  }

  private static String verdictOf(Sheet sheet) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
          && row.getCell(0).getStringCellValue().equals("链校验")) {
        return row.getCell(1).getStringCellValue();
      }
    }
    throw new AssertionError("no verification row");
  }

  private static String summaryColumn(PDDocument document) throws IOException {
    PDFTextStripperByArea stripper = new PDFTextStripperByArea();
    stripper.setSortByPosition(true);
    stripper.addRegion("summary", new Rectangle2D.Float(ManualPdf.SUMMARY_LEFT, 0,
        document.getPage(0).getMediaBox().getWidth() - ManualPdf.SUMMARY_LEFT, document.getPage(0).getMediaBox()
            .getHeight()));
    StringBuilder text = new StringBuilder();
    for (PDPage page : document.getPages()) {
      stripper.extractRegions(page);
      text.append(stripper.getTextForRegion("summary"));
    }
    return text.toString();
  }

  private static String withoutWhitespace(String text) {
    return text.replaceAll("\\s+", "");
  }

  private void asOwnerWithoutTrigger(String sql) throws SQLException {
    try (Connection connection = EmbeddedPostgresDatabase.asOwner(EmbeddedPostgresDatabase.urlOf(dataSource));
        Statement statement = connection.createStatement()) {
      statement.execute("alter table record_entries disable trigger record_entries_no_update_or_delete");
      try {
        statement.execute(sql);
      } finally {
        statement.execute("alter table record_entries enable trigger record_entries_no_update_or_delete");
      }
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
