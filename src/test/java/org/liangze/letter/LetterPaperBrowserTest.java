package org.liangze.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.record.EntryKind;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium, headless, in Chinese) on the demo district: a community's secretary, logged in
 * once, opens 目标责任书 without Tasklist, finds the signed letter with its printable PDF and the verification of
 * its signing record, uploads the scanned signed letter, and sees 已上传纸质签字件. Screenshots go to
 * target/screenshots/letter-paper-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LetterPaperBrowserTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @TempDir Path scratch;
  final ObjectMapper json = new ObjectMapper();
  Chromium chromium;
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    chromium = Chromium.sized(1200, 1000);
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theSecretaryPrintsTheSignedLetterAndUploadsTheScanBack() throws Exception {
    assertThat(post("quwei", "/api/letter-campaigns", "{\"year\":\"2026\"}").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs();
    String signTask = tasks("t01v01sec", "SignLetter").get(0).get("id").asText();
    assertThat(post("t01v01sec", "/engine-rest/task/" + signTask + "/complete",
        json.writeValueAsString(Map.of("variables", Map.of("decision", Map.of("value", "SIGN"),
            "signature", Map.of("value", "何刚"))))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    try {
      login(base, wait, "t01v01sec");
      // no Tasklist from here: the letters page, then the letter
      browser.get(base + "/pages/letters");
      wait.until(ExpectedConditions.elementToBeClickable(
          By.linkText("洪家楼街道花园社区2026年度党风廉政建设目标责任书"))).click();
      WebElement pdf = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pdf")));
      assertThat(pdf.getText()).isEqualTo("打印版（PDF）：签字盖章用");
      assertThat(pdf.getAttribute("href")).endsWith("/document.pdf");
      assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已签订，待会签");
      assertThat(browser.findElement(By.id("paper")).getText()).contains("尚未上传纸质签字件");
      // the printable PDF downloads for the secretary's session
      Object fetched = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + " fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.blob().then(b =>"
              + " done(r.status + ' ' + b.type + ' ' + b.size))).catch(e => done('failed: ' + e));",
          pdf.getAttribute("href"));
      assertThat(fetched.toString()).startsWith("200 application/pdf");
      chromium.screenshot("letter-paper-01-letter");

      // a scan that is not a PDF or an image is refused, in Chinese, on the page
      browser.findElement(By.id("scan")).sendKeys(file("签字件.txt", "不是扫描件".getBytes()).toString());
      WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
      assertThat(message.getText()).contains("纸质签字件须为 PDF 文件或图片");
      chromium.screenshot("letter-paper-02-refused");

      browser.findElement(By.id("scan")).sendKeys(file("花园社区责任书签字件.png", png()).toString());
      WebElement copy = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("paper-copy")));
      assertThat(copy.getText()).contains("已上传纸质签字件").contains("花园社区责任书签字件.png");
      assertThat(browser.findElement(By.linkText("花园社区责任书签字件.png")).getAttribute("href"))
          .contains("/api/evidence/");
      chromium.screenshot("letter-paper-03-uploaded");

      // the QR code's target: the signing record's verification
      browser.findElement(By.id("verification")).click();
      WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
      assertThat(verdict.getText()).startsWith("完整");
      chromium.screenshot("letter-paper-04-verification");
    } catch (RuntimeException | AssertionError e) {
      chromium.screenshot("letter-paper-failed");
      Files.writeString(Chromium.SCREENSHOTS.resolve("letter-paper-failed.html"), browser.getPageSource());
      throw e;
    }
    List<RecordEntry> entries = manual.entriesOf("T01V01");
    RecordEntry last = entries.get(entries.size() - 1);
    assertThat(last.kind()).isEqualTo(EntryKind.LETTER_SCAN);
    assertThat(last.actor()).isEqualTo("t01v01sec");
  }

  private void login(String base, WebDriverWait wait, String user) {
    chromium.logIntoTasklist(base, user, PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]")));
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
    for (int x = 10; x < 50; x++) {
      image.setRGB(x, 40, 0xC62828);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(scratch.resolve(name), content).toAbsolutePath();
  }

  private void runJobs() {
    for (int round = 0; round < 10; round++) {
      var jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> LetterSigningProcess.KEY.equals(job.getProcessDefinitionKey())).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private ResponseEntity<String> post(String user, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD).postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private List<JsonNode> tasks(String user, String key) throws IOException {
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD).getForObject(
        "/engine-rest/task?processDefinitionKey=" + LetterSigningProcess.KEY + "&taskDefinitionKey=" + key,
        String.class));
    List<JsonNode> all = new ArrayList<>();
    list.forEach(all::add);
    return all;
  }
}
