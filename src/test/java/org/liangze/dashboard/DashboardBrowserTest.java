package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium and chromedriver, headless): a unit secretary logs into Camunda Tasklist, opens
 * the letter task from 我的待办, claims it, signs, completes, and then sees the signed letter and the new record entry
 * on the supervision dashboard. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardBrowserTest {

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
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
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
  void aSecretarySignsInTasklistAndTheDashboardShowsIt() throws Exception {
    assertThat(http.withBasicAuth("quwei", PASSWORD)
        .postForEntity("/api/letter-campaigns", Map.of("year", "2026"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    // the job executor issues the letters
    await().atMost(Chromium.WAIT).until(() -> tasks("d01sec").size() == 1);
    int entriesBefore = dashboardUnit().get("recordEntries").asInt();
    assertThat(dashboardUnit().get("letterSigned").asBoolean()).isFalse();

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "d01sec", PASSWORD);

    // 我的待办 and the unit's letter task in it
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ol[contains(@class,'tasks-list') or contains(@class,'list')]//li//a[contains(.,'区教育和体育局')]"
            + " | //li[contains(@class,'task')]//*[contains(.,'区教育和体育局')]")));
    chromium.screenshot("02-tasklist");
    task.click();

    // the form is disabled until the task is claimed
    WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]")));
    claim.click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim']")));
    chromium.screenshot("03-claimed");

    // 签订: click the radio through its label, with a script as the fallback
    WebElement sign = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space(.)='签订']")));
    wait.until(d -> {
      try {
        WebElement input = sign.findElements(By.cssSelector("input[type='radio']")).stream().findFirst()
            .orElse(null);
        if (input != null && !input.isEnabled()) {
          return false;
        }
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block:'center'});", sign);
        if (input != null) {
          ((JavascriptExecutor) d).executeScript("arguments[0].click();", input);
          return input.isSelected();
        }
        sign.click();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    });
    WebElement signatureLabel = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.),'签名')]")));
    String signatureId = signatureLabel.getAttribute("for");
    // type until the form keeps the value (the form may re-render while the decision settles)
    wait.until(d -> {
      try {
        WebElement field = d.findElement(By.id(signatureId));
        if (!"张伟".equals(field.getDomProperty("value"))) {
          field.clear();
          field.sendKeys("张伟", org.openqa.selenium.Keys.TAB);
          return false;
        }
        Thread.sleep(500);
        return "张伟".equals(d.findElement(By.id(signatureId)).getDomProperty("value"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (RuntimeException e) {
        return false;
      }
    });
    chromium.screenshot("04-filled");
    // 完成 (Complete; the button's text follows the browser's language)
    WebElement complete = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", complete);

    try {
      await().atMost(Chromium.WAIT).until(() -> tasks("d01sec").isEmpty());
    } finally {
      chromium.screenshot("05-completed");
    }

    // the score computation job runs (its timer fired now), then the dashboard, in the same browser session (the
    // Tasklist login opens the platform's pages), shows the stored scores and when they were computed
    management.executeJob(management.createJobQuery().timers().processDefinitionKey(ScoreComputationProcess.KEY)
        .singleResult().getId());
    await().atMost(Chromium.WAIT).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(ScoreComputationProcess.KEY).count() == 0);
    browser.get(base + "/pages/dashboard");
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-unit='D01']")));
    assertThat(row.findElement(By.cssSelector("td.letter")).getText()).startsWith("已签订");
    int entries = Integer.parseInt(row.findElement(By.cssSelector("td.entries")).getText().trim());
    assertThat(entries).as("the completed task wrote a record entry").isGreaterThan(entriesBefore);
    assertThat(Integer.parseInt(row.findElement(By.cssSelector("td.tasks")).getText().trim())).isGreaterThan(0);
    assertThat(Integer.parseInt(row.findElement(By.cssSelector("td.fields")).getText().trim()))
        .as("fields the secretary filled").isGreaterThan(0);
    // level by level, the department's dashboard holds its two sections too
    assertThat(browser.findElement(By.id("letters-progress")).getText()).isEqualTo("1/3");
    assertThat(browser.findElement(By.id("scores-computed-at")).getText()).startsWith("评分计算于 ");
    assertThat(new java.math.BigDecimal(row.findElement(By.cssSelector("td.score")).getText().trim()))
        .isBetween(java.math.BigDecimal.ZERO, new java.math.BigDecimal("100"));
    // ECharts loaded from the jar and drew the charts
    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return typeof echarts === 'object' && document.querySelector('#chart-scores canvas') !== null;"));
    assertThat(browser.findElements(By.cssSelector("tr[data-unit]"))).hasSize(3);
    chromium.screenshot("06-dashboard");
  }

  private JsonNode dashboardUnit() throws IOException {
    return json.readTree(http.withBasicAuth("d01sec", PASSWORD).getForObject("/api/dashboard/units/D01",
        String.class));
  }

  private List<JsonNode> tasks(String user) throws IOException {
    // the tasks the user works on (level by level, a parent also reads its children's)
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD).getForObject(
        "/engine-rest/task?candidateUser=" + user, String.class));
    List<JsonNode> all = new java.util.ArrayList<>();
    list.forEach(all::add);
    return all;
  }
}
