package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkpoints over HTTP on a real PostgreSQL: only the discipline commission makes one, district supervisors read
 * and download receipts, unit people get 403; the receipts verify on their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CheckpointApiIntegrationTest {

  static final String PASSWORD = "checkpoint-test-pw";
  static final Path KEY;

  static {
    try {
      KEY = Files.createTempDirectory("liangze-checkpoint-api").resolve("key.pem");
      CheckpointKeys.write(KEY, CheckpointKeys.generate(), null);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.record.checkpoint.key-file", KEY::toString);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RecordManual manual;
  final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void onlyTheCommissionMakesCheckpointsAndOnlySupervisorsReadThem() throws Exception {
    assertThat(call("POST", "/api/record/checkpoints", "quwei").statusCode()).as("the district committee")
        .isEqualTo(403);
    assertThat(call("POST", "/api/record/checkpoints", "d01sec").statusCode()).isEqualTo(403);
    assertThat(WebClient.basic("POST", URI.create("http://localhost:" + port + "/api/record/checkpoints"), "admin",
        "test-admin-password", null).statusCode()).as("the administrator").isEqualTo(403);

    HttpResponse<String> made = call("POST", "/api/record/checkpoints", "jiwei");
    assertThat(made.statusCode()).isEqualTo(201);
    JsonNode checkpoint = json.readTree(made.body());
    long seq = checkpoint.get("seq").asLong();
    assertThat(checkpoint.get("madeBy").asText()).isEqualTo("jiwei");
    assertThat(checkpoint.get("rootHash").asText()).hasSize(64);

    for (String path : new String[] {"/api/record/checkpoints", "/api/record/checkpoints/latest",
        "/api/record/checkpoints/" + seq, "/api/record/checkpoints/" + seq + "/receipt.json",
        "/api/record/checkpoints/" + seq + "/receipt.pdf", "/api/record/checkpoints/verification"}) {
      assertThat(call("GET", path, "d01sec").statusCode()).as(path).isEqualTo(403);
      assertThat(call("GET", path, "d01staff").statusCode()).as(path).isEqualTo(403);
      assertThat(call("GET", path, "quwei").statusCode()).as(path).isEqualTo(200);
    }
    assertThat(json.readTree(call("GET", "/api/record/checkpoints/latest", "jiwei").body()).get("seq").asLong())
        .isEqualTo(seq);
    assertThat(json.readTree(call("GET", "/api/record/checkpoints/verification", "jiwei").body())
        .get("problems")).isEmpty();
    assertThat(call("GET", "/api/record/checkpoints/public-key", "d01staff").body())
        .startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(call("GET", "/api/record/checkpoints", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theReceiptCarriesEverythingToVerifyItOffline() throws Exception {
    manual.append(new NewEntry("D01", EntryKind.MEETING, null, "d01staff", java.time.Instant.now(), "党组会",
        null, null, null, null));
    long seq = json.readTree(call("POST", "/api/record/checkpoints", "jiwei").body()).get("seq").asLong();

    HttpResponse<String> receiptJson = call("GET", "/api/record/checkpoints/" + seq + "/receipt.json", "jiwei");
    assertThat(receiptJson.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    CheckpointReceipt receipt = json.readValue(receiptJson.body(), CheckpointReceipt.class);
    assertThat(receipt.format()).isEqualTo(CheckpointReceipt.FORMAT);
    assertThat(CheckpointTree.root(receipt.leaves())).isEqualTo(receipt.rootHash());
    assertThat(receipt.statement()).isEqualTo(receipt.checkpoint().statement());
    assertThat(CheckpointKeys.verify(receipt.publicKey(), receipt.statement().getBytes(StandardCharsets.UTF_8),
        receipt.signature())).isTrue();
    assertThat(CheckpointKeys.fingerprint(receipt.publicKey())).isEqualTo(receipt.keyId());
    assertThat(receipt.heads()).anyMatch(head -> head.unitCode().equals("D01"));

    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/record/checkpoints/" + seq + "/receipt.pdf"))
        .header("Authorization", basic("jiwei")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      String text = new PDFTextStripper().getText(document).replaceAll("\\s", "");
      assertThat(text).contains("签名检查点回执").contains(receipt.rootHash().substring(0, 32))
          .contains(receipt.signature().substring(0, 32));
    }
  }

  @Test
  void thePageShowsThePublicKeyToEveryoneAndTheCheckpointsToSupervisors() throws Exception {
    manual.append(new NewEntry("D02", EntryKind.STUDY, null, "d02staff", java.time.Instant.now(), "廉政学习",
        null, null, null, null));
    long seq = json.readTree(call("POST", "/api/record/checkpoints", "jiwei").body()).get("seq").asLong();
    String keyId = CheckpointKeys.read(KEY).keyId();

    String forUnit = call("GET", "/pages/record/checkpoints", "d01staff").body();
    assertThat(forUnit).contains("BEGIN PUBLIC KEY").contains(keyId).doesNotContain("receipt.json");
    String forCommission = call("GET", "/pages/record/checkpoints", "jiwei").body();
    assertThat(forCommission).contains(keyId).contains("全部检查点签名有效")
        .contains("/api/record/checkpoints/" + seq + "/receipt.pdf");
    assertThat(call("GET", "/pages/units/D02/record", "d02staff").body()).contains("已纳入第");
  }

  private HttpResponse<String> call(String method, String path, String user) {
    URI uri = URI.create("http://localhost:" + port + path);
    if (user == null) {
      return WebClient.basic(method, uri, "nobody", "wrong", null);
    }
    return WebClient.basic(method, uri, user, PASSWORD, null);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
