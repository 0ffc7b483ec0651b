package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.InvalidInputException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Manual entries and evidence uploads over HTTP on a real PostgreSQL: who may write, what is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "liangze.evidence.max-size=64KB")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordApiIntegrationTest {

  static final String PASSWORD = "record-test-pw";
  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired JdbcClient jdbc;
  @Autowired EvidenceReferences references;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void badUploadsAreRefusedAndNothingIsStored() {
    long before = storedFiles();
    byte[] tooBig = Arrays.copyOf(PDF, 70 * 1024);
    assertThat(upload("d01staff", "big.pdf", tooBig).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> renamed = upload("d01staff", "report.pdf",
        "#!/bin/sh\necho pwned\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(renamed.getBody()).contains("不支持的文件类型");
    assertThat(upload("d01staff", "page.pdf", "<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> traversal = upload("d01staff", "../../etc/passwd.pdf", PDF);
    assertThat(traversal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(traversal.getBody()).contains("文件名不合法");
    assertThat(upload("d01staff", "empty.pdf", new byte[0]).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(upload("jiwei", "a.pdf", PDF).getStatusCode()).as("supervisors do not write")
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(storedFiles()).isEqualTo(before);
  }

  @Test
  void unitPeopleRecordTheirWorkWithEvidenceAndSupervisorsOnlyRead() throws IOException {
    byte[] minutes = (new String(PDF, StandardCharsets.US_ASCII) + "% 会议纪要").getBytes(StandardCharsets.UTF_8);
    ResponseEntity<String> uploaded = upload("d01staff", "党组会议纪要.pdf", minutes);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode file = json.readTree(uploaded.getBody());
    String hash = file.get("contentHash").asText();
    assertThat(file.get("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(json.readTree(upload("d01staff", "again.pdf", minutes).getBody()).get("contentHash").asText())
        .as("content-addressed: the same file is stored once").isEqualTo(hash);
    assertThat(jdbc.sql("select count(*) from evidence_files where content_hash = ?").param(hash)
        .query(Long.class).single()).isEqualTo(1);

    Map<String, Object> meeting = entry("MEETING", Instant.now().minus(Duration.ofDays(1)), "召开党组会专题研究党风廉政建设",
        null, List.of(hash));
    assertThat(post("d01staff", "/api/units/D01/record", meeting).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(post("jiwei", "/api/units/D01/record", meeting).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("d01staff", "/api/units/T01/record", meeting).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    Map<String, Object> late = entry("STUDY", Instant.now().minus(Duration.ofDays(30)), "补记一次集中学习", null, null);
    ResponseEntity<String> refused = post("d01staff", "/api/units/D01/record", late);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("补录原因");
    late.put("lateReason", "外出培训，返回后补记");
    assertThat(post("d01staff", "/api/units/D01/record", late).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(post("d01staff", "/api/units/D01/record", entry("MEETING", Instant.now(), "引用不存在的材料", null,
        List.of("f".repeat(64)))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("d01staff", "/api/units/D01/record", entry("TASK_COMPLETED", Instant.now(), "冒充任务记录",
        null, null)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    JsonNode entries = json.readTree(as("d01sec").getForObject("/api/units/D01/record", String.class));
    assertThat(entries).extracting(e -> e.get("summary").asText())
        .contains("召开党组会专题研究党风廉政建设", "补记一次集中学习");
    assertThat(as("t01sec").getForEntity("/api/units/D01/record", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("jiwei").getForEntity("/api/units/D01/record", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("d01sec").getForEntity("/api/evidence/" + hash, byte[].class).getBody()).isEqualTo(minutes);
    assertThat(as("t02sec").getForEntity("/api/evidence/" + hash, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    // the same file attached by another unit is flagged on both
    upload("t01staff", "纪要.pdf", minutes);
    assertThat(post("t01staff", "/api/units/T01/record", entry("MEETING", Instant.now(), "街道党工委会议", null,
        List.of(hash))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode flags = json.readTree(as("jiwei").getForObject("/api/units/D01/record/flags", String.class));
    assertThat(flags.at("/evidenceSharedWith/" + hash).toString()).contains("T01");

    JsonNode verification = json.readTree(as("jiwei").getForObject("/api/record/verification", String.class));
    assertThat(verification).isNotEmpty().allMatch(report -> report.get("firstBreak") == null);
    assertThat(as("d01sec").getForEntity("/api/record/verification", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(json.readTree(as("d01sec").getForObject("/api/units/D01/record/verification", String.class))
        .get("entriesChecked").asInt()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aUnitAttachesOnlyEvidenceItUploadedItself() throws IOException {
    byte[] report = (new String(PDF, StandardCharsets.US_ASCII) + "% 巡察整改报告").getBytes(StandardCharsets.UTF_8);
    ResponseEntity<String> uploaded = upload("d02staff", "巡察整改报告.pdf", report);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String hash = json.readTree(uploaded.getBody()).get("contentHash").asText();
    assertThat(as("t02staff").getForEntity("/api/evidence/" + hash, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    long entries = jdbc.sql("select count(*) from record_entries").query(Long.class).single();
    List<Map<String, Object>> uses = evidenceUses(hash);

    // another unit knows the file's number (it is in URLs and on forms) and cites it to be allowed to read it
    ResponseEntity<String> borrowed = post("t02staff", "/api/units/T02/record", entry("INSPECTION", Instant.now(),
        "借用他单位材料", null, List.of(hash)));
    assertThat(borrowed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(borrowed.getBody()).contains("只能引用本单位上传的佐证材料");
    assertThat(jdbc.sql("select count(*) from record_entries").query(Long.class).single()).isEqualTo(entries);
    assertThat(evidenceUses(hash)).isEqualTo(uses);
    assertThat(as("t02staff").getForEntity("/api/evidence/" + hash, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // the same rule where self-checks and rectification reports cite evidence
    assertThatThrownBy(() -> references.cite("T02", "第1项", hash, null))
        .isInstanceOf(InvalidInputException.class).hasMessage("第1项：只能引用本单位上传的佐证材料，请先以本单位身份上传该文件");
    assertThat(evidenceUses(hash)).isEqualTo(uses);

    // the unit's own upload is attached; a unit that uploads the same file itself may attach it too (and is flagged)
    assertThat(post("d02staff", "/api/units/D02/record", entry("INSPECTION", Instant.now(), "开展专项检查", null,
        List.of(hash))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(upload("t02staff", "报告.pdf", report).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(post("t02staff", "/api/units/T02/record", entry("INSPECTION", Instant.now(), "开展专项检查", null,
        List.of(hash))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(evidenceUses(hash)).extracting(use -> use.get("unit_code")).containsExactly("D02", "T02");
  }

  private List<Map<String, Object>> evidenceUses(String hash) {
    return jdbc.sql("select unit_code from evidence_uses where content_hash = ? order by unit_code").param(hash)
        .query().listOfRows();
  }

  private long storedFiles() {
    return jdbc.sql("select count(*) from evidence_files").query(Long.class).single();
  }

  private static Map<String, Object> entry(String kind, Instant occurredAt, String summary, String lateReason,
      List<String> evidence) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("kind", kind);
    entry.put("occurredAt", occurredAt.toString());
    entry.put("summary", summary);
    entry.put("lateReason", lateReason);
    entry.put("evidence", evidence);
    return entry;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
          String.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> upload(String user, String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", WebClient.namedFile(content, name));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange("/api/evidence", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }
}
