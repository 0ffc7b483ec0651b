package org.liangze.mytasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Collectors;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.selfcheck.Quarter;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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

/**
 * A real browser at a phone's size (390×844): the district committee starts the year's letter campaign, and a
 * community's secretary, logged into Tasklist on the phone, opens 我的待办, finds the letter to sign with its due
 * date, opens it, is told in Chinese that the signature is missing, signs with their name, and is back at 我的待办
 * with the letter signed; a request forged without the page's token is refused. A unit's staff member assesses
 * their self-check rows on the phone, told in Chinese which row is missing its status. No page is wider than the
 * phone. Screenshots: target/screenshots/my-tasks-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MyTasksBrowserTest {

  static final String PASSWORD = "my-tasks-browser-pw";
  static final int YEAR = 2026;
  static final int WIDTH = 390;
  static final String QUARTER = "2026Q4";
  static final String TASK_NAME = "阅读并签订目标责任书（洪家楼街道花园社区）";

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
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired SelfCheckCampaigns campaigns;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
  }

  @Test
  void aCommunitySecretarySignsTheLetterFromMyTasksOnAPhone() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("quwei", PASSWORD).postForEntity("/api/letter-campaigns",
        new HttpEntity<>("{\"year\":\"" + YEAR + "\"}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs();
    Task sign = tasks.createTaskQuery().processDefinitionKey(LetterSigningProcess.KEY)
        .taskDefinitionKey(LetterSigningProcess.Element.SignLetter.name()).taskName(TASK_NAME).singleResult();
    String base = "http://localhost:" + port;

    try (Chromium chromium = Chromium.phone()) {
      try {
        chromium.logIntoTasklist(base, "t01v01sec", PASSWORD);
        chromium.driver().get(base + "/pages/tasks");
        WebElement card = chromium.waiting().until(
            ExpectedConditions.visibilityOfElementLocated(By.id("task-" + sign.getId())));
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("我的待办");
        assertThat(card.getText()).contains(TASK_NAME).contains("目标责任书签订").contains("洪家楼街道花园社区")
            .containsPattern("截止 \\d{4}年\\d{1,2}月\\d{1,2}日");
        assertFitsThePhone(chromium, "我的待办");
        chromium.screenshot("my-tasks-01-list");

        // the Tasklist login alone does not complete a task: a forged form with the session's cookie but without
        // its token, or with another, is refused and changes nothing
        String cookies = chromium.driver().manage().getCookies().stream()
            .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
        HttpHeaders reading = new HttpHeaders();
        reading.set(HttpHeaders.COOKIE, cookies);
        assertThat(http.exchange("/pages/tasks", org.springframework.http.HttpMethod.GET, new HttpEntity<>(reading),
            String.class).getBody()).as("the session's cookie reads the page").contains(sign.getId());
        for (String forged : new String[] {"decision=SIGN&signature=x", "decision=SIGN&signature=x&_xsrf=guessed"}) {
          HttpHeaders session = new HttpHeaders();
          session.set(HttpHeaders.COOKIE, cookies);
          session.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
          assertThat(http.postForEntity("/pages/tasks/" + sign.getId(), new HttpEntity<>(forged, session),
              String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(tasks.createTaskQuery().taskId(sign.getId()).singleResult().getAssignee()).isNull();

        chromium.click(card.findElement(By.cssSelector("a.open-task")));
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("task-form")));
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo(TASK_NAME);
        assertThat(chromium.driver().findElement(By.id("document")).getAttribute("href"))
            .contains("/api/letters/").endsWith("/document");
        // the signature is asked for once 签订 is chosen, as on the Tasklist form
        assertThat(chromium.driver().findElement(By.id("signature")).isDisplayed()).isFalse();
        chromium.click(By.id("decision-SIGN"));
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signature")));
        assertFitsThePhone(chromium, "签订目标责任书");
        chromium.screenshot("my-tasks-02-sign");

        // no name: refused in Chinese, the choice kept, nothing signed
        chromium.click(By.id("complete"));
        WebElement message = chromium.waiting().until(
            ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).isEqualTo("请填写“签名”");
        assertThat(chromium.driver().findElement(By.id("decision-SIGN")).isSelected()).isTrue();
        assertThat(tasks.createTaskQuery().taskId(sign.getId()).singleResult().getAssignee()).isNull();
        assertFitsThePhone(chromium, "签名未填写");
        chromium.screenshot("my-tasks-03-refused");

        chromium.driver().findElement(By.id("signature")).sendKeys("何刚");
        chromium.click(By.id("complete"));
        WebElement done = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
        assertThat(done.getText()).isEqualTo("已办理：" + TASK_NAME);
        assertThat(chromium.driver().findElements(By.id("task-" + sign.getId()))).isEmpty();
        assertFitsThePhone(chromium, "办理完成");
        chromium.screenshot("my-tasks-04-done");
      } catch (RuntimeException | AssertionError e) {
        chromium.screenshot("my-tasks-failed");
        Files.writeString(Chromium.SCREENSHOTS.resolve("my-tasks-failed.html"),
            chromium.driver().getPageSource());
        throw e;
      }
    }

    assertThat(tasks.createTaskQuery().taskId(sign.getId()).singleResult()).isNull();
    JsonNode letter = null;
    for (JsonNode candidate : json.readTree(http.withBasicAuth("t01v01sec", PASSWORD)
        .getForObject("/api/letters?year=" + YEAR, String.class))) {
      if (candidate.get("unitCode").asText().equals("T01V01")) {
        letter = candidate;
      }
    }
    assertThat(letter).isNotNull();
    assertThat(letter.get("signature").asText()).isEqualTo("何刚");
    assertThat(letter.get("signerId").asText()).isEqualTo("t01v01sec");
  }

  @Test
  void aSecretaryAssessesTheRowsTheyAreResponsibleForOnAPhone() throws Exception {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start(QUARTER);
    } finally {
      identity.clearAuthentication();
    }
    for (int round = 0; round < 20; round++) {
      var jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> QuarterlySelfCheckProcess.KEY.equals(job.getProcessDefinitionKey())
              || UnitSelfCheckProcess.KEY.equals(job.getProcessDefinitionKey())).toList();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    Task assess = tasks.createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKey(UnitSelfCheckProcess.businessKey("D01", Quarter.parse(QUARTER)))
        .taskDefinitionKey(UnitSelfCheckProcess.Element.AssessItems.name()).list().stream()
        // the secretary's share: the common list's 主体责任 items are theirs (their 责任人 by default)
        .filter(task -> "d01sec".equals(task.getAssignee())).findFirst().orElseThrow();
    String base = "http://localhost:" + port;

    try (Chromium chromium = Chromium.phone()) {
      try {
        chromium.logIntoTasklist(base, "d01sec", PASSWORD);
        chromium.driver().get(base + "/pages/tasks/" + assess.getId());
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("task-form")));
        List<WebElement> rows = chromium.driver().findElements(By.cssSelector(".row"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).findElement(By.cssSelector("a.record-item")).getAttribute("href"))
            .contains("/pages/units/D01/record/new?item=");
        for (int row = 0; row < rows.size() - 1; row++) {
          new Select(chromium.driver().findElement(By.id("status-" + row))).selectByVisibleText("已完成");
        }
        assertFitsThePhone(chromium, "逐项自查");
        chromium.screenshot("my-tasks-05-self-check");
        chromium.click(By.id("complete"));
        assertThat(chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("message")))
            .getText()).isEqualTo("请选择第" + rows.size() + "项“完成情况”");
        // what was chosen is kept
        assertThat(new Select(chromium.driver().findElement(By.id("status-0"))).getFirstSelectedOption().getText())
            .isEqualTo("已完成");
        new Select(chromium.driver().findElement(By.id("status-" + (rows.size() - 1))))
            .selectByVisibleText("部分完成");
        chromium.driver().findElement(By.id("note-" + (rows.size() - 1))).sendKeys("制度修订尚在征求意见");
        chromium.click(By.id("complete"));
        assertThat(chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("done")))
            .getText()).startsWith("已办理：逐项自查");
        chromium.screenshot("my-tasks-06-self-check-done");
      } catch (RuntimeException | AssertionError e) {
        chromium.screenshot("my-tasks-failed-self-check");
        throw e;
      }
    }
    assertThat(tasks.createTaskQuery().taskId(assess.getId()).singleResult()).isNull();
  }

  /** Nothing is wider than the phone: no sideways scrolling. */
  private static void assertFitsThePhone(Chromium chromium, String page) {
    Number width = (Number) chromium.script("return document.documentElement.scrollWidth");
    assertThat(width.intValue()).as(page + " fits %d CSS pixels", WIDTH).isLessThanOrEqualTo(WIDTH);
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
}
