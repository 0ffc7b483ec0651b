package org.liangze.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityCases;
import org.liangze.accountability.CaseSource;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese): the discipline commission registers a
 * complaint from Tasklist's start form (发起流程 → 问题线索处置), then triages it in Tasklist, picking the unit from the
 * form's list by its name (no code typed), and the case opens with the complaint as its source. Screenshots go to
 * target/screenshots/clue-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ClueBrowserTest {

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
  @Autowired Clues clues;
  @Autowired AccountabilityCases cases;
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
  void theCommissionRegistersAComplaintAndOpensACaseOnAUnitPickedByName() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "jiwei", PASSWORD);

    // 发起流程 → 问题线索处置: the registration form
    chromium.click(By.xpath("//a[contains(normalize-space(.),'发起流程')]"));
    chromium.click(By.xpath("//a[normalize-space(.)='问题线索处置']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'登记问题线索')]")));
    chromium.click(By.xpath("//label[contains(.,'信访举报')]"));
    chromium.formField("线索标题").sendKeys("反映花园社区违规发放困难补助");
    chromium.formField("反映的主要问题").sendKeys("群众来信反映，花园社区向不符合条件的人员发放困难补助。");
    chromium.formField("反映人").sendKeys("群众来信（署名）", org.openqa.selenium.Keys.TAB);
    // the form takes typed text after a short debounce
    Thread.sleep(1000);
    chromium.screenshot("clue-01-register");
    chromium.click(By.xpath("//button[normalize-space(.)='开始']"));
    await().atMost(Chromium.WAIT).until(() -> tasks("jiwei").size() == 1);

    // the triage task: the clue in words, the unit picked from the list by its name
    String taskId = tasks("jiwei").get(0).get("id").asText();
    browser.get(base + "/camunda/app/tasklist/default/#/?task=" + taskId);
    WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]")));
    claim.click();
    WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'问题线索第')]")));
    assertThat(heading.getText()).endsWith("号：反映花园社区违规发放困难补助");
    assertThat(browser.findElement(By.xpath("//*[contains(@class,'fjs-form-field-text')]")).getText())
        .contains("信访举报").contains("群众来信（署名）").contains("向不符合条件的人员发放困难补助");
    chromium.click(By.xpath("//label[contains(.,'立案问责')]"));
    WebElement unit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and contains(normalize-space(.),'被反映单位')]"
            + "/following::input[1]")));
    chromium.click(unit);
    unit.sendKeys("花园");
    // a real mouse click: the list picks on mousedown
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='洪家楼街道花园社区（村居）']"))).click();
    wait.until(d -> "洪家楼街道花园社区（村居）".equals(unit.getDomProperty("value")));
    chromium.screenshot("clue-02-triage");
    WebElement complete = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    chromium.click(complete);

    try {
      await().atMost(Chromium.WAIT).until(() -> clues.all().stream().anyMatch(c -> Clue.CASE_OPENED.equals(c.status())));
    } finally {
      chromium.screenshot("clue-03-done");
    }
    Clue opened = clues.all().get(0);
    assertThat(opened.unitCode()).isEqualTo("T01V01");
    assertThat(opened.triagedBy()).isEqualTo("jiwei");
    assertThat(cases.accountabilityCase(opened.caseId()).source()).isEqualTo(CaseSource.COMPLAINT);
  }



  private java.util.List<JsonNode> tasks(String user) throws IOException {
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD)
        .getForObject("/engine-rest/task?processDefinitionKey=" + ClueProcess.KEY, String.class));
    java.util.List<JsonNode> all = new java.util.ArrayList<>();
    list.forEach(all::add);
    return all;
  }
}
