package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.liangze.support.ActAs;
import org.liangze.support.CampaignRun;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 纪检委员's check in a real browser (Debian's chromium and chromedriver, headless, in Chinese): 区教育和体育局's
 * (D01) self-check, assessed by its 责任人 and its staff, waits for its inspector 李娜 ({@code d01insp}) in Camunda
 * Tasklist. She opens it from 我的待办, sees every row with who assessed it and passes it; it goes to the
 * secretary. (Her return with a comment is in SelfCheckSharesPostgresTest.) Screenshots: target/screenshots/inspector-check-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InspectorChecksSelfCheckBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final String QUARTER = "2026Q3";
  static final String UNIT = "D01";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired CampaignRun campaignRun;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ActAs actAs;
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
    identity.clearAuthentication();
  }

  @Test
  void theInspectorChecksEveryRowAndPassesTheSelfCheckInTasklist() throws Exception {
    campaignRun.runJobs(campaignRun.start(QUARTER));
    String businessKey = UnitSelfCheckProcess.businessKey(UNIT, Quarter.parse(QUARTER));
    assessEveryShare(businessKey);

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "d01insp", PASSWORD);

    // her check in Tasklist: every row with who assessed it; she passes it, and the secretary signs off next
    openAndClaim(wait, "我的待办");
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'区教育和体育局2026年第3季度自查检查')]")));
    await().atMost(Chromium.WAIT).until(() -> inputValues().contains("王芳") && inputValues().contains("李娜"));
    chromium.screenshot("inspector-check-01-rows");
    pick(wait, "通过");
    chromium.screenshot("inspector-check-02-pass");
    chromium.saveAndComplete();
    await().atMost(Chromium.WAIT).until(() -> task(businessKey, Element.SignOff) != null);
    chromium.screenshot("inspector-check-03-done");
    assertThat(assessments(businessKey)).isEmpty();
  }

  private void openAndClaim(WebDriverWait wait, String filter) throws IOException {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'" + filter + "')]"))).click();
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')]//*[contains(.,'纪检委员检查（区教育和体育局，2026年第3季度）')]")));
    chromium.screenshot("inspector-check-00-tasklist");
    task.click();
    WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]")));
    claim.click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim']")));
  }

  private void pick(WebDriverWait wait, String option) {
    WebElement label = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//label[contains(@class,'fjs-form-field-label')][normalize-space(.)='" + option + "']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", label);
    label.click();
  }


  private String inputValues() {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('input, textarea')).map(e => e.value).join('|');");
  }

  /** Each share (the 责任人's and the staff's) marks every row done and submits. */
  private void assessEveryShare(String businessKey) throws IOException {
    for (Task share : assessments(businessKey)) {
      List<Map<String, Object>> rows = json.readValue(tasks.getVariable(share.getId(), Variables.ITEMS).toString(),
          new TypeReference<List<Map<String, Object>>>() { });
      rows.forEach(row -> {
        row.put("status", "DONE");
        row.put("note", "已按清单落实");
      });
      actAs.complete(share.getAssignee() == null ? "d01staff" : share.getAssignee(), share,
          Map.of(Variables.ITEMS, SpinValues.jsonValue(json.writeValueAsString(rows)).create()));
    }
  }

  private List<Task> assessments(String businessKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(Element.AssessItems.name()).list();
  }

  private Task task(String businessKey, Element element) {
    return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(element.name())
        .singleResult();
  }
}
