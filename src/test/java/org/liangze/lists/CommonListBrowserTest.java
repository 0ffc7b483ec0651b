package org.liangze.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese): the discipline commission opens its
 * common-list drafting task in Camunda Tasklist on the demo district, sees the draft form — the type and year, where
 * the draft came from, the dynamic list of items pre-filled from this year's list — and submits it, which hands the
 * list to the district committee. Screenshots go to target/screenshots/common-list-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommonListBrowserTest {

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
  void theCommissionSeesTheDraftFormInTasklistAndSubmitsItForReview() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("jiwei", PASSWORD).postForEntity("/api/common-lists",
        new HttpEntity<>("{\"unitType\":\"SUBDISTRICT_OR_TOWN\",\"year\":\"2027\"}", headers), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "jiwei", PASSWORD);

    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ol[contains(@class,'tasks-list') or contains(@class,'list')]//li//a[contains(.,'编制共性清单')]"
            + " | //li[contains(@class,'task')]//*[contains(.,'编制共性清单')]")));
    chromium.screenshot("common-list-01-tasklist");
    task.click();

    chromium.claimOpenTask();

    // the form: its heading, where the draft came from, and this year's sixteen items in the dynamic list
    WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'2027年度街镇共性清单')]")));
    assertThat(heading.getText()).isEqualTo("2027年度街镇共性清单");
    assertThat(browser.findElement(By.xpath("//*[contains(@class,'fjs-form-field-text')]")).getText())
        .contains("已按2026年第1版街镇共性清单预填");
    wait.until(d -> d.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'类别')]")).size() == 16);
    List<String> categories = browser.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
            + " and starts-with(normalize-space(.),'类别')]")).stream()
        .map(label -> browser.findElement(By.id(label.getAttribute("for"))).getDomProperty("value"))
        .toList();
    assertThat(categories).startsWith("研究部署", "第一责任人").endsWith("自身建设");
    assertThat(browser.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'责任类型')]"))).hasSize(16);
    chromium.screenshot("common-list-02-draft-form");

    // revise the last item's evidence in the form
    List<WebElement> evidence = browser.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'佐证材料')]"));
    String evidenceId = evidence.get(evidence.size() - 1).getAttribute("for");
    wait.until(d -> {
      WebElement field = d.findElement(By.id(evidenceId));
      ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block:'center'});", field);
      if (!"培训记录、分工文件、考核结果".equals(field.getDomProperty("value"))) {
        field.clear();
        field.sendKeys("培训记录、分工文件、考核结果", org.openqa.selenium.Keys.TAB);
        return false;
      }
      return true;
    });
    // Tasklist keeps 完成 disabled after a change inside a dynamic list until the form is validated as a whole,
    // which 保存 (save) does
    chromium.saveAndComplete();
    try {
      await().atMost(Chromium.WAIT).until(() -> tasks("quwei").size() == 1);
    } finally {
      chromium.screenshot("common-list-03-submitted");
    }
    assertThat(tasks("quwei").get(0).get("name").asText()).isEqualTo("审核共性清单（街镇·2027年度）");
    // what the form submitted is the draft under review, with the edit
    String reviewId = tasks("quwei").get(0).get("id").asText();
    long listId = json.readTree(http.withBasicAuth("quwei", PASSWORD).getForObject(
        "/engine-rest/task/" + reviewId + "/variables/listId", String.class)).get("value").asLong();
    JsonNode submitted = json.readTree(http.withBasicAuth("quwei", PASSWORD).getForObject("/api/lists/" + listId,
        String.class));
    assertThat(submitted.get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(submitted.get("items")).hasSize(16);
    assertThat(submitted.get("items").get(15).get("evidenceRequired").asText()).isEqualTo("培训记录、分工文件、考核结果");
    assertThat(tasks("jiwei")).extracting(t -> t.get("taskDefinitionKey").asText())
        .containsExactly(CommonListProcess.Element.ReviewCommonList.name());
  }

  private List<JsonNode> tasks(String user) throws IOException {
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD)
        .getForObject("/engine-rest/task?processDefinitionKey=" + CommonListProcess.KEY, String.class));
    List<JsonNode> all = new ArrayList<>();
    list.forEach(all::add);
    return all;
  }
}
