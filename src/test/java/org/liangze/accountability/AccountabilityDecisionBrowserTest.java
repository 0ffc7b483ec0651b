package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.liangze.support.CaseSubjects.investigation;
import static org.liangze.support.CaseSubjects.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese): the district committee opens the
 * measures approval of a case in Camunda Tasklist, approves the proposed measure in the form and completes it; the
 * numbered decision is then written, and the discipline commission, logged in to Tasklist, downloads its PDF.
 * Screenshots go to target/screenshots/accountability-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountabilityDecisionBrowserTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired AccountabilityCases cases;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtime;
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
  void theCommitteeApprovesTheMeasuresInTasklistAndTheCommissionDownloadsTheDecision() throws Exception {
    // a case up to the committee's approval, its earlier steps done as the commission would in Tasklist
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    AccountabilityCases.Started started;
    try {
      started = cases.start("D01", "检查发现：落实主体责任不力（浏览器测试）", "INSPECTION");
    } finally {
      identity.clearAuthentication();
    }
    String instance = started.processInstanceId();
    complete("jiwei", taskOf(instance, Element.VerifyCase), Map.of(Variables.DECISION, "OPEN"));
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    // the commission names a leader subject's platform user by choosing a name and post, never typing a login
    taskOf(instance, Element.InvestigateMain);
    login(wait, base, "jiwei");
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')]//*[contains(.,'主体责任调查')]"))).click();
    chromium.claimOpenTask();
    WebElement kind = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.),'对象类别')]"
            + "/ancestor::div[contains(@class,'fjs-form-field')][1]")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", kind);
    wait.until(ExpectedConditions.elementToBeClickable(kind.findElement(
        By.xpath(".//*[contains(@class,'fjs-input-group')]")))).click();
    wait.until(ExpectedConditions.elementToBeClickable(kind.findElement(
        By.xpath(".//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='领导干部']")))).click();
    WebElement person = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.),'对应平台用户')]"
            + "/ancestor::div[contains(@class,'fjs-form-field')][1]")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", person);
    wait.until(ExpectedConditions.elementToBeClickable(person.findElement(
        By.xpath(".//*[contains(@class,'fjs-input-group')]")))).click();
    WebElement secretary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item') and contains(normalize-space(.),'（党组织书记）')]")));
    chromium.screenshot("accountability-00-investigation-form");
    assertThat(secretary.getText()).endsWith("（党组织书记）");
    browser.manage().deleteAllCookies();
    complete("jiwei", taskOf(instance, Element.InvestigateMain), investigation("main", spin(List.of(
        subject("王明", "LEADER", "PRINCIPAL", "SERIOUS", "NONE")))));
    complete("jiwei", taskOf(instance, Element.InvestigateSupervisory), investigation("supervisory", spin(List.of(
        subject("区教育和体育局纪检组", "ORGANISATION", null, "MINOR", "NONE")))));
    await().atMost(Chromium.WAIT).until(() -> tasks(instance, Element.StatementAndDefence).size() == 2);
    tasks(instance, Element.StatementAndDefence).forEach(defence ->
        complete("jiwei", defence, Map.of(Variables.DEFENCE_WAIVED, true)));
    complete("jiwei", taskOf(instance, Element.ReviewDefence), Map.of());
    Task approval = taskOf(instance, Element.ApproveMeasures);
    // the committee's rectification requirement and deadline, as a colleague drafted them for it
    taskService.setVariable(approval.getId(), Variables.RECTIFICATION_REQUIREMENT, "健全主体责任落实机制");
    taskService.setVariable(approval.getId(), Variables.RECTIFICATION_DEADLINE,
        LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString());

    login(wait, base, "quwei");
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')]//*[contains(.,'区委审定问责措施')]")));
    chromium.screenshot("accountability-01-tasklist");
    task.click();
    chromium.claimOpenTask();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'问责措施审定')]")));
    // the proposals, one per measure: the committee approves each (同意) in the form's select
    wait.until(d -> d.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'审定意见')]")).size() == 2);
    for (WebElement label : browser.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'审定意见')]"))) {
      WebElement field = label.findElement(By.xpath("./ancestor::div[contains(@class,'fjs-form-field')][1]"));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", field);
      field.findElement(By.xpath(".//*[contains(@class,'fjs-input-group')]")).click();
      wait.until(ExpectedConditions.elementToBeClickable(
          field.findElement(By.xpath(".//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='同意']"))))
          .click();
    }
    chromium.screenshot("accountability-02-approval-form");
    chromium.saveAndComplete();
    try {
      await().atMost(Chromium.WAIT).until(() -> !tasks(instance, Element.LodgeAppeal).isEmpty());
    } finally {
      chromium.screenshot("accountability-03-approved");
    }
    assertThat(cases.measures(started.caseId())).allMatch(m -> "APPROVE".equals(m.decision()));
    String number = (String) runtime.getVariable(instance, Variables.DECISION_NUMBER);
    assertThat(number).startsWith("区纪问决〔");

    // the commission, logged in to Tasklist, downloads the decision with its session
    browser.manage().deleteAllCookies();
    login(wait, base, "jiwei");
    Object download = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' '
            + r.headers.get('content-disposition') + ' ' + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))))
          .catch(e => done('failed ' + e));""", base + "/api/accountability-cases/" + started.caseId() + "/decision.pdf");
    assertThat((String) download).startsWith("200 application/pdf").contains("attachment").endsWith("%PDF-");

    // 申诉: the unit appeals; the committee, reviewing it in Tasklist, cannot make the organisation's measure heavier
    complete("d01sec", taskOf(instance, Element.LodgeAppeal), Map.of(Variables.APPEAL, "APPEAL",
        Variables.APPELLANT, "区教育和体育局纪检组", Variables.APPEAL_GROUNDS, "问题已整改，处理过重"));
    String before = cases.measures(started.caseId()).toString();
    browser.manage().deleteAllCookies();
    login(wait, base, "quwei");
    chromium.click(By.xpath("//li[contains(@class,'task')]//*[contains(.,'申诉复查')]"));
    chromium.claimOpenTask();
    wait.until(d -> d.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'复查决定')]")).size() == 2);
    // the dynamic list's rows: each field's id ends with the row's index
    for (int row = 0; row < 2; row++) {
      String suffix = "_" + row;
      boolean organisation = String.valueOf(browser.findElement(By.cssSelector("input[id$='Appeal_Subject" + suffix
          + "']")).getAttribute("value")).contains("纪检组");
      choose(wait, "Appeal_Outcome" + suffix, organisation ? "变更" : "维持");
      if (organisation) {
        choose(wait, "Appeal_NewMeasure" + suffix, "改组");
      }
      browser.findElement(By.cssSelector("textarea[id$='Appeal_Reason" + suffix + "']"))
          // Tab: the form takes a typed text when the field is left (its input is debounced until then)
          .sendKeys(organisation ? "复查认为情节较重" : "事实清楚，处理恰当", org.openqa.selenium.Keys.TAB);
    }
    chromium.screenshot("accountability-04-appeal-review-form");
    chromium.saveAndComplete();
    WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'notification') or contains(@class,'alert')][contains(.,'不得因申诉而加重处理')]")));
    chromium.screenshot("accountability-05-appeal-not-heavier");
    assertThat(refusal.getText()).contains("变更后的措施不能重于原措施").doesNotContain("Cannot")
        .doesNotContain(tasks(instance, Element.ReviewAppeal).get(0).getId());
    assertThat(tasks(instance, Element.ReviewAppeal)).as("the review is still open").hasSize(1);
    assertThat(cases.measures(started.caseId()).toString()).as("no measure changed").isEqualTo(before);
  }

  /** Picks an option of the form's select whose element id ends so (a dynamic list row's field). */
  private void choose(WebDriverWait wait, String idEnd, String option) {
    WebElement field = browser.findElement(By.xpath("//label[substring(@for, string-length(@for) - "
        + (idEnd.length() - 1) + ") = '" + idEnd + "']/ancestor::div[contains(@class,'fjs-form-field')][1]"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", field);
    field.findElement(By.xpath(".//*[contains(@class,'fjs-input-group')]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(field.findElement(
        By.xpath(".//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + option + "']")))).click();
  }

  private void login(WebDriverWait wait, String base, String user) {
    chromium.logIntoTasklist(base, user, PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
  }

  private Task taskOf(String instance, Element element) {
    await().atMost(Chromium.WAIT).until(() -> tasks(instance, element).size() == 1);
    return tasks(instance, element).get(0);
  }

  private List<Task> tasks(String instance, Element element) {
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).list();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private Object spin(Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
