package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.liangze.support.ActAs;
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
 * Level by level in a real browser (Debian's chromium and chromedriver, headless, in Chinese): a village's
 * (洪家楼街道花园社区, T01V01) quarterly self-check, assessed, checked and signed off in the village, is reviewed by its town's
 * secretary (洪家楼街道, {@code t01sec}) in Camunda Tasklist — review-routing.dmn sends it there, not to the district
 * commission. The secretary finds it under 我的待办, claims it, accepts it in the review form, and the self-check is
 * accepted with the secretary as its reviewer. Screenshots go to target/screenshots/town-review-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TownReviewsVillageSelfCheckBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final String QUARTER = "2026Q3";
  static final String VILLAGE = "T01V01";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired SelfCheckCampaigns campaigns;
  @Autowired SelfCheckService selfChecks;
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
  void theTownSecretaryReviewsTheVillagesSelfCheckInTasklist() throws Exception {
    // the commission starts the quarter; the village's staff assess and its secretary signs off
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start(QUARTER);
    } finally {
      identity.clearAuthentication();
    }
    String businessKey = UnitSelfCheckProcess.businessKey(VILLAGE, Quarter.parse(QUARTER));
    // each 责任人 assesses their own items, the staff the rest; the village's 纪检委员 checks before the secretary
    List<Task> shares = await().atMost(Chromium.WAIT).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(Element.AssessItems.name()).list(), list -> !list.isEmpty());
    for (Task share : shares) {
      actAs.complete(share.getAssignee() == null ? "t01v01staff" : share.getAssignee(), share,
          Map.of(Variables.ITEMS, assessed(share)));
    }
    actAs.complete("t01v01insp", task(businessKey, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));
    actAs.complete("t01v01sec", task(businessKey, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));
    Task review = task(businessKey, Element.Review);
    assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .containsExactlyInAnyOrder(Groups.of(Role.SECRETARY, "T01"), Groups.of(Role.INSPECTOR, "T01"));
    String taskName = review.getName();
    assertThat(taskName).isEqualTo("上级审核（洪家楼街道花园社区，2026年第3季度）");

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "t01sec", PASSWORD);

    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//li[contains(@class,'task')]//*[contains(.,'" + taskName + "')]")));
    chromium.screenshot("town-review-01-tasklist");
    task.click();

    WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]")));
    claim.click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim']")));

    // the review form: the village's name and quarter, the secretary's sign-off, the three decisions
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'洪家楼街道花园社区2026年第3季度自查审核')]")));
    WebElement accept = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.),'审核通过')]")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", accept);
    accept.click();
    WebElement comment = browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'审核意见')]"));
    WebElement commentField = browser.findElement(By.id(comment.getAttribute("for")));
    commentField.sendKeys("自查认真，街道审核通过");
    chromium.screenshot("town-review-02-form");
    WebElement complete = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", complete);
    try {
      await().atMost(Chromium.WAIT).until(() -> runtime.createProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).processDefinitionKey(UnitSelfCheckProcess.KEY).count() == 0);
    } finally {
      chromium.screenshot("town-review-03-done");
    }
    // the town's secretary reads the village's self-check (level by level) and is its reviewer
    SelfCheck check = selfChecks.visibleSelfChecks(org.liangze.organisation.Official.of("t01sec",
        actAs.groupsOf("t01sec")), VILLAGE, QUARTER).get(0);
    assertThat(check.status()).isEqualTo(SelfCheckStatus.ACCEPTED);
    assertThat(check.reviewedBy()).isEqualTo("t01sec");
  }

  private Task task(String businessKey, Element element) {
    return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(element.name())
        .singleResult();
  }

  /** The assessment rows of the task, each marked done with a note, as the assessment form submits them. */
  private Object assessed(Task assess) throws IOException {
    List<Map<String, Object>> rows = json.readValue(tasks.getVariable(assess.getId(), Variables.ITEMS).toString(),
        new TypeReference<List<Map<String, Object>>>() { });
    List<Map<String, Object>> done = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new HashMap<>(row);
      copy.put("status", "DONE");
      copy.put("note", "已按清单落实");
      done.add(copy);
    }
    return SpinValues.jsonValue(json.writeValueAsString(done)).create();
  }
}
