package org.liangze.letter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.http.ResponseEntity;
/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese): after a community's secretary has
 * signed its letter, the secretary of the subdistrict that issued it finds 会签目标责任书 in Camunda Tasklist, reads
 * who signed, countersigns with their name, and the letter is archived with both signatures. Screenshots go to
 * target/screenshots/letter-countersign-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LetterCountersignBrowserTest {

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
  final ObjectMapper json = new ObjectMapper();
  Chromium chromium;
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    chromium = Chromium.desk();
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theSubdistrictCountersignsItsCommunitysLetterInTasklist() throws Exception {
    assertThat(post("quwei", "/api/letter-campaigns", "{\"year\":\"2026\"}").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs();
    String signTask = tasks("t01v01sec", "SignLetter").get(0).get("id").asText();
    assertThat(post("t01v01sec", "/engine-rest/task/" + signTask + "/complete",
        json.writeValueAsString(Map.of("variables", Map.of("decision", Map.of("value", "SIGN"),
            "signature", Map.of("value", "何刚"))))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "t01sec", PASSWORD);
    try {
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
          "//ol[contains(@class,'tasks-list') or contains(@class,'list')]//li//a[contains(.,'会签目标责任书（洪家楼街道花园社区）')]"
              + " | //li[contains(@class,'task')]//*[contains(.,'会签目标责任书（洪家楼街道花园社区）')]"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]")))
          .click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(
          By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim']")));
      WebElement intro = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//*[contains(@class,'fjs-form-field-text')][.//h3[contains(.,'会签')]]")));
      assertThat(intro.getText()).contains("洪家楼街道花园社区党组织书记（第一责任人）已签订").contains("签名：何刚")
          .contains("甲方：洪家楼街道党组织");
      WebElement label = browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')"
          + " and starts-with(normalize-space(.),'会签签名')]"));
      String fieldId = label.getAttribute("for");
      wait.until(d -> {
        WebElement field = d.findElement(By.id(fieldId));
        if (!"徐建国".equals(field.getDomProperty("value"))) {
          field.clear();
          field.sendKeys("徐建国", org.openqa.selenium.Keys.TAB);
          return false;
        }
        return true;
      });
      chromium.screenshot("letter-countersign-01-form");
      WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].click();", complete);
      await().atMost(Chromium.WAIT).until(() -> tasks("t01sec", "CountersignLetter").isEmpty());
    } catch (RuntimeException | AssertionError e) {
      chromium.screenshot("letter-countersign-failed");
      Files.writeString(Chromium.SCREENSHOTS.resolve("letter-countersign-failed.html"), browser.getPageSource());
      throw e;
    }
    runJobs();

    long letterId = 0;
    for (JsonNode letter : json.readTree(http.withBasicAuth("t01sec", PASSWORD)
        .getForObject("/api/letters?year=2026", String.class))) {
      if (letter.get("unitCode").asText().equals("T01V01")) {
        assertThat(letter.get("status").asText()).isEqualTo("ARCHIVED");
        assertThat(letter.get("countersignature").asText()).isEqualTo("徐建国");
        assertThat(letter.get("countersignerId").asText()).isEqualTo("t01sec");
        letterId = letter.get("id").asLong();
      }
    }
    browser.get(base + "/api/letters/" + letterId + "/document");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".signatures")));
    assertThat(browser.findElement(By.cssSelector(".signatures")).getText()).contains("甲方：洪家楼街道党组织")
        .contains("会签人（签名）：徐建国").contains("第一责任人（签名）：何刚");
    chromium.screenshot("letter-countersign-02-document");
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
