package org.liangze.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.rectification.RectificationProcess.Element;
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
 * A real browser (Debian's chromium and chromedriver, headless) on the rectification ledger: a unit secretary fills
 * the plan of an inspection's findings in Tasklist (one row per finding, owners picked from the unit's people) and
 * completes it, then reads the unit's ledger page; the commission reads the district's ledger with its filters; the secretary is refused
 * the district's. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RectificationLedgerBrowserTest {

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
  @Autowired TaskService tasks;
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
  void theSecretaryPlansInTasklistAndTheLedgerPagesShowTheRowsToTheirReaders() throws Exception {
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(60);
    var entered = http.withBasicAuth("jiwei", PASSWORD).postForEntity("/api/units/T01/inspection-findings",
        Map.of("round", "2026年区委第二轮巡察", "findings", List.of("村级财务公开不及时", "惠民资金发放台账不全"),
            "deadline", deadline.toString()), String.class);
    assertThat(entered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instance = json.readTree(entered.getBody()).get("processInstanceId").asText();

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    login(wait, base, "t01sec");

    // the plan task in Tasklist: the findings pre-filled as rows, owners from the unit's people
    browser.get(base + "/camunda/app/tasklist/default/#/?task="
        + tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    chromium.claimOpenTask();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(@class,'fjs-form-field-label') and contains(normalize-space(.),'责任人')]")));
    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return Array.from(document.querySelectorAll('textarea')).some(t => t.value === '惠民资金发放台账不全');"));
    assertThat(browser.findElements(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and contains(normalize-space(.),'整改措施')]")))
        .hasSize(2);
    chromium.screenshot("ledger-01-plan-form");
    // the owner list: the unit's people by name and post, nobody else
    WebElement owner = browser.findElements(By.cssSelector(".fjs-form-field-select input")).get(0);
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", owner);
    owner.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist-item")));
    assertThat(browser.findElements(By.cssSelector(".fjs-dropdownlist-item"))).extracting(WebElement::getText)
        .contains("吴昊（工作人员）", "徐建国（党组织书记）").noneMatch(name -> name.contains("王芳"));
    chromium.screenshot("ledger-01b-owner-list");

    // the secretary fills each row's measure and owner (the deadlines come pre-filled) and completes the task
    pick(wait, 0, "吴昊（工作人员）");
    type(wait, 0, "每月5日前公开上月财务");
    pick(wait, 1, "徐建国（党组织书记）");
    type(wait, 1, "逐户核对补齐台账");
    chromium.screenshot("ledger-01c-plan-filled");
    // Tasklist keeps 完成 disabled after a change inside a dynamic list until the form is validated as a whole,
    // which 保存 (save) does
    chromium.saveAndComplete();
    wait.until(d -> tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(Element.PlanRectification.name()).count() == 0);
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Element.CarryOut.name())
        .list()).extracting(Task::getAssignee).containsExactlyInAnyOrder("t01staff", "t01sec");
    browser.get(base + "/pages/units/T01/rectification-ledger");
    WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ledger")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("洪家楼街道整改台账");
    assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(2);
    assertThat(table.getText()).contains("村级财务公开不及时", "每月5日前公开上月财务", "吴昊", "徐建国", "巡察反馈",
        "整改中", deadline.toString());
    assertThat(browser.findElement(By.id("export")).getAttribute("href"))
        .endsWith("/api/units/T01/rectification-ledger.xlsx?status=ALL");
    chromium.screenshot("ledger-02-unit-page");
    browser.get(base + "/pages/rectification-ledger");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
        .isEqualTo("无权查看");

    // the commission: the district's ledger, filtered, with the entry of inspection findings
    browser.manage().deleteAllCookies();
    login(wait, base, "jiwei");
    browser.get(base + "/pages/rectification-ledger");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ledger")));
    assertThat(browser.findElement(By.id("ledger")).getText()).contains("洪家楼街道", "惠民资金发放台账不全");
    assertThat(browser.findElement(By.id("findings-form")).isDisplayed()).isTrue();
    chromium.screenshot("ledger-03-district-page");
    browser.findElement(By.xpath("//p[contains(@class,'filters')]/a[normalize-space(.)='已销号']")).click();
    wait.until(ExpectedConditions.urlContains("status=CLOSED"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "没有符合条件的整改事项"));
    assertThat(browser.findElements(By.id("ledger"))).isEmpty();
    chromium.screenshot("ledger-04-district-closed");
  }

  /** Chooses {@code name} in the owner select of row {@code row} (0-based). */
  private void pick(WebDriverWait wait, int row, String name) {
    WebElement input = browser.findElements(By.cssSelector(".fjs-form-field-select input")).get(row);
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", input);
    input.click();
    WebElement item = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + name + "']")));
    item.click();
    wait.until(d -> d.findElements(By.cssSelector(".fjs-form-field-select")).get(row).getText().contains(name)
        || name.equals(d.findElements(By.cssSelector(".fjs-form-field-select input")).get(row)
            .getDomProperty("value")));
  }

  /** Types the measure of row {@code row} (0-based) until the form keeps it. */
  private void type(WebDriverWait wait, int row, String text) {
    wait.until(d -> {
      try {
        WebElement label = d.findElements(By.xpath(
            "//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.),'整改措施')]")).get(row);
        WebElement field = d.findElement(By.id(label.getAttribute("for")));
        if (!text.equals(field.getDomProperty("value"))) {
          ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block:'center'});", field);
          field.clear();
          field.sendKeys(text);
          return false;
        }
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  private void login(WebDriverWait wait, String base, String user) throws IOException {
    chromium.logIntoTasklist(base, user, PASSWORD);
  }
}
