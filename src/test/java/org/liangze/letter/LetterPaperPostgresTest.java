package org.liangze.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.record.ChainVerifier;
import org.liangze.record.CheckpointTestKeys;
import org.liangze.record.Checkpoints;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The responsibility letter on paper, on a real PostgreSQL over HTTP: the printable PDF (parsed back with PDFBox,
 * its QR code rendered and decoded with ZXing), the verification page the QR code opens, who may read both, and
 * the scanned signed letter uploaded back as evidence appended to the unit's record manual; bad files refused with
 * nothing changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LetterPaperPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final int YEAR = 2027;
  static final Instant T0 = Instant.parse("2027-01-04T01:00:00Z");
  static final String PUBLIC_URL = "https://liangze.example.gov.cn";
  static final java.nio.file.Path KEY = CheckpointTestKeys.newKey();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.public-url", () -> PUBLIC_URL + "/");
    registry.add("liangze.record.checkpoint.key-file", () -> KEY.toString());
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired ChainVerifier verifier;
  @Autowired EvidenceFiles evidence;
  @Autowired Checkpoints checkpoints;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    ClockUtil.setCurrentTime(Date.from(T0));
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theLetterPrintsWithSignatureLinesSealAreasAndAQrCodeOfItsRecordAndTheScanComesBack() throws Exception {
    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", String.valueOf(YEAR))).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs();
    long letterId = letterId("t01v01sec", "T01V01");

    // not signed yet: a draft, no QR code, no scan accepted
    ResponseEntity<byte[]> draft = as("t01v01sec").getForEntity("/api/letters/" + letterId + "/document.pdf",
        byte[].class);
    assertThat(draft.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(draft.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
    try (PDDocument pdf = Loader.loadPDF(draft.getBody())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("草稿").contains("洪家楼街道花园社区");
      assertThat(images(pdf)).isEmpty();
      keep(pdf, draft.getBody(), "letter-paper-draft");
    }
    ResponseEntity<String> early = upload("t01v01sec", letterId, "签字件.png", png());
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(early.getBody()).contains("责任书尚未签订");

    assertThat(complete("t01v01sec", singleTask("t01v01sec", "SignLetter"),
        Map.of("decision", "SIGN", "signature", "何刚")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    RecordEntry signing = manual.entriesOf("T01V01").stream()
        .filter(entry -> entry.summary().contains("阅读并签订目标责任书")).reduce((a, b) -> b).orElseThrow();
    assertThat(letter("t01v01sec", letterId).get("signingEntrySeq").asLong()).isEqualTo(signing.seq());

    // signed: the paper version with both parties' signature lines and seal areas, and the QR code of its record
    byte[] signed = as("t01v01sec").getForObject("/api/letters/" + letterId + "/document.pdf", byte[].class);
    String url;
    try (PDDocument pdf = Loader.loadPDF(signed)) {
      assertThat(pdf.getNumberOfPages()).isBetween(1, 2);
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).doesNotContain("草稿").contains("洪家楼街道花园社区2027年度党风廉政建设目标责任书")
          .contains("签订单位（甲方）：洪家楼街道党组织").contains("责任单位（乙方）：洪家楼街道花园社区党组织")
          .contains("会签人（签字）").contains("第一责任人（签字）").contains("第一责任人（印刷体）：何刚")
          .contains("会签人（印刷体）：（待会签）").contains("盖章处").contains("纪实手册第" + signing.seq() + "条")
          .contains(signing.entryHash().substring(0, 16));
      assertThat(images(pdf)).hasSize(1);
      url = decodeQr(pdf);
      keep(pdf, signed, "letter-paper-signed");
    }
    assertThat(url).isEqualTo(PUBLIC_URL + "/pages/record/entries/" + signing.id() + "/verification");

    // the QR code opens the entry's verification: for the unit, its supervisors and the commission; not a sibling
    String path = url.substring(PUBLIC_URL.length());
    String page = as("t01v01sec").getForObject(path, String.class);
    assertThat(page).contains("纪实记录核验").contains("完整").contains(signing.entryHash())
        .contains("尚无签名检查点覆盖该记录");
    assertThat(as("t01sec").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("jiwei").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> sibling = as("t02sec").getForEntity(path, String.class);
    assertThat(sibling.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(sibling.getBody()).contains("无权查看该纪实记录");
    // the PDF as the HTML document: the issuing level reads it, another town does not
    assertThat(as("t01sec").getForEntity("/api/letters/" + letterId + "/document.pdf", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("t02sec").getForEntity("/api/letters/" + letterId + "/document.pdf", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // bad scans are refused in Chinese and change nothing
    int entries = manual.entriesOf("T01V01").size();
    int files = evidence.uploadedBy("T01V01").size();
    ResponseEntity<String> text = upload("t01v01sec", letterId, "签字件.txt", "不是扫描件".getBytes());
    assertThat(text.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(text.getBody()).contains("纸质签字件须为 PDF 文件或图片");
    ResponseEntity<String> office = upload("t01v01sec", letterId, "签字件.docx", docx());
    assertThat(office.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(office.getBody()).contains("纸质签字件须为 PDF 文件或图片");
    ResponseEntity<String> empty = upload("t01v01sec", letterId, "签字件.pdf", new byte[0]);
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("文件为空");
    // the issuing level reads the letter but uploads nothing for the unit; another town not at all
    assertThat(upload("t01sec", letterId, "签字件.png", png()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(upload("t02sec", letterId, "签字件.png", png()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(manual.entriesOf("T01V01")).hasSize(entries);
    assertThat(evidence.uploadedBy("T01V01")).hasSize(files);
    JsonNode none = letter("t01v01sec", letterId).path("paperCopy");
    assertThat(none.isMissingNode() || none.isNull()).isTrue();

    // the scanned signed letter comes back: evidence cited by a new, verifiable entry of the unit's record
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(7200)));
    byte[] scan = png();
    ResponseEntity<String> uploaded = upload("t01v01staff", letterId, "花园社区责任书签字件.png", scan);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode copy = json.readTree(uploaded.getBody()).get("paperCopy");
    assertThat(copy.get("fileName").asText()).isEqualTo("花园社区责任书签字件.png");
    List<RecordEntry> after = manual.entriesOf("T01V01");
    assertThat(after).hasSize(entries + 1);
    RecordEntry scanEntry = after.get(after.size() - 1);
    assertThat(scanEntry.kind()).isEqualTo(EntryKind.LETTER_SCAN);
    assertThat(scanEntry.actor()).isEqualTo("t01v01staff");
    assertThat(scanEntry.evidence()).containsExactly(copy.get("fileHash").asText());
    assertThat(scanEntry.summary()).contains("上传纸质签字件").contains("洪家楼街道花园社区2027年度党风廉政建设目标责任书");
    assertThat(copy.get("entrySeq").asLong()).isEqualTo(scanEntry.seq());
    assertThat(verifier.verify("T01V01").intact()).isTrue();
    assertThat(as("t01v01sec").getForObject("/pages/record/entries/" + scanEntry.id() + "/verification",
        String.class)).contains("完整").contains(scanEntry.entryHash()).contains("责任书签字件");
    assertThat(as("t01sec").getForObject(copy.get("fileUrl").asText(), byte[].class)).isEqualTo(scan);
    assertThat(as("t01v01sec").getForObject("/pages/letters/" + letterId, String.class))
        .contains("已上传纸质签字件").contains("花园社区责任书签字件.png");

    // once a signed checkpoint seals the unit's chain, the verification names it
    long sealed = checkpoints.make("jiwei").seq();
    assertThat(as("t01v01sec").getForObject(path, String.class)).contains("第" + sealed + "号")
        .contains("已签名封存该记录").contains("完整");
  }

  /** The PDF and its pages as images in target/screenshots, to look at. */
  private static void keep(PDDocument pdf, byte[] content, String name) throws IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name + ".pdf"), content);
    for (int page = 0; page < pdf.getNumberOfPages(); page++) {
      ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(page, 80), "png",
          dir.resolve(name + "-page" + (page + 1) + ".png").toFile());
    }
  }

  private static List<PDImageXObject> images(PDDocument pdf) throws IOException {
    List<PDImageXObject> images = new ArrayList<>();
    for (PDPage page : pdf.getPages()) {
      for (COSName name : page.getResources().getXObjectNames()) {
        if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
          images.add(image);
        }
      }
    }
    return images;
  }

  /** Renders the page with the QR code as a printer would and reads it as a phone would. */
  private static String decodeQr(PDDocument pdf) throws Exception {
    int last = pdf.getNumberOfPages() - 1;
    BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(last, 300);
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
        Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xC62828);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A Word document (an evidence type the platform accepts elsewhere, not as a scan). */
  private static byte[] docx() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
      zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
          + ".wordprocessingml.document.main+xml\"/></Types>").getBytes());
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
      zip.write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>".getBytes());
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private void runJobs() {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> LetterSigningProcess.KEY.equals(job.getProcessDefinitionKey()))
          .toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> post(String user, String path, Object body) throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
        String.class);
  }

  private ResponseEntity<String> upload(String user, long letterId, String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", WebClient.namedFile(content, name));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange("/api/letters/" + letterId + "/paper-copy", HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class);
  }

  private ResponseEntity<String> complete(String user, JsonNode task, Map<String, String> values)
      throws IOException {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of("variables", variables));
  }

  private JsonNode singleTask(String user, String taskDefinitionKey) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=" + LetterSigningProcess.KEY
        + "&taskDefinitionKey=" + taskDefinitionKey, String.class)).forEach(tasks::add);
    assertThat(tasks).as(taskDefinitionKey + " tasks of " + user).hasSize(1);
    return tasks.get(0);
  }

  private JsonNode letter(String user, long id) throws IOException {
    return json.readTree(as(user).getForObject("/api/letters/" + id, String.class));
  }

  private long letterId(String user, String unitCode) throws IOException {
    for (JsonNode letter : json.readTree(as(user).getForObject("/api/letters?year=" + YEAR, String.class))) {
      if (letter.get("unitCode").asText().equals(unitCode)) {
        return letter.get("id").asLong();
      }
    }
    throw new AssertionError("no letter of " + unitCode);
  }
}
