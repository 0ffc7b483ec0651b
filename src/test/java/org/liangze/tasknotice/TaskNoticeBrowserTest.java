package org.liangze.tasknotice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium, headless, in Chinese) as the unit secretary d01sec: a letter campaign gives the
 * unit a new task, the task-notices timer runs, d01sec finds the 新任务通知 in 我的通知 and follows the notice's link,
 * which opens the task in Tasklist. Screenshots in target/screenshots/task-notice-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskNoticeBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final int PORT = freePort();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("server.port", () -> PORT);
    // the links in notices point at the platform's public address
    registry.add("liangze.public-url", () -> "http://localhost:" + PORT);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
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
  void theSecretaryReadsTheNewTaskNoticeAndItsLinkOpensTheTaskInTasklist() throws Exception {
    String letters = letterRun.start(2090);
    Task d01 = letterRun.signingTask(letters, "D01");
    sendNotices();

    String body = jdbc.sql("""
            select body from notifications where kind = 'TASK_CREATED' and recipient_user_id = 'd01sec'
               and task_id = ?""").param(d01.getId()).query(String.class).single();
    Matcher link = Pattern.compile("办理：(http\\S+)").matcher(body);
    assertThat(link.find()).as(body).isTrue();

    String base = "http://localhost:" + PORT;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "d01sec", PASSWORD);

    // 我的通知: the notice among the secretary's own
    browser.get(base + "/pages/notification-centre?kind=TASK_CREATED");
    WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notifications")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("我的通知");
    assertThat(table.getText()).contains("【新任务】区教育和体育局有新任务：阅读并签订目标责任书（区教育和体育局）（目标责任书签订）",
        "新任务通知");
    chromium.screenshot("task-notice-01-my-notifications");

    // the notice's link opens the task in Tasklist
    browser.get(link.group(1));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-tasklist-task]"),
        "阅读并签订目标责任书（区教育和体育局）"));
    assertThat(browser.getCurrentUrl()).contains("task=" + d01.getId());
    chromium.screenshot("task-notice-02-task-in-tasklist");
  }

  private void sendNotices() {
    Job timer = management.createJobQuery().processDefinitionKey(TaskNoticesProcess.KEY).timers().singleResult();
    management.executeJob(timer.getId());
    for (List<Job> due; !(due = management.createJobQuery().processDefinitionKey(TaskNoticesProcess.KEY).messages()
        .list()).isEmpty(); ) {
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
