package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese) on the notification centre of the demo
 * district: the commission (jiwei) arranges two talks, the first's mails go out, the second's fail against a mail
 * server that is down; jiwei logs in, opens 通知中心 from the supervision dashboard, filters by 发送失败 and reads
 * the failures with their reason and tries. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"liangze.notifications.channel=mail", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationCentreBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final int SMTP_PORT = freePort();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(
      new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
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
  void theCommissionOpensTheNotificationCentreFromTheDashboardAndFiltersTheFailures() throws Exception {
    arrangeTalk("D01", "d01staff");
    deliverAll(false);
    smtp.stop();
    try {
      arrangeTalk("D02", "d02staff");
      deliverAll(true);
    } finally {
      smtp.start();
    }

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "jiwei", PASSWORD);

    // from the supervision dashboard to 通知中心
    browser.get(base + "/pages/dashboard");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("notification-centre"))).click();
    WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notifications")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("通知中心");
    assertThat(table.getText()).contains("王芳", "张伟", "赵磊", "黄志强", "区教育和体育局", "区住房和城乡建设局",
        "谈话通知", "邮件", "已送达", "发送失败");
    assertThat(new Select(browser.findElement(By.id("recipient"))).getOptions()).extracting(WebElement::getText)
        .contains("赵磊（区住房和城乡建设局）", "王芳（区教育和体育局）");
    chromium.screenshot("notifications-01-all");

    // 发送状态: 发送失败
    new Select(browser.findElement(By.id("status"))).selectByVisibleText("发送失败");
    browser.findElement(By.id("apply")).click();
    wait.until(ExpectedConditions.urlContains("status=FAILED"));
    table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notifications")));
    List<WebElement> rows = table.findElements(By.cssSelector("tr[data-status]"));
    assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.getText())
        .contains("发送失败", "（已尝试 3 次）", "原因：无法连接发送服务器（服务器未启动或拒绝连接）", "区住房和城乡建设局"));
    assertThat(table.getText()).doesNotContain("王芳", "已送达");
    assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("2");
    assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText())
        .isEqualTo("发送失败");
    chromium.screenshot("notifications-02-failed");

    // a malformed date: its Chinese message on the page
    browser.get(base + "/pages/notification-centre?from=2026-02-30");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText())
        .contains("起始日期格式不正确");
    chromium.screenshot("notifications-03-bad-date");
  }

  /** The commission starts a talk and arranges it; the notify step records the unit's two notices. */
  private void arrangeTalk(String unitCode, String subject) {
    ResponseEntity<String> started = http.withBasicAuth("jiwei", PASSWORD).exchange("/api/talks", HttpMethod.POST,
        json("{\"unitCode\":\"" + unitCode + "\",\"kind\":\"INTEGRITY_TALK\",\"subjectUserId\":\"" + subject
            + "\",\"cause\":\"新任职廉政谈话\"}"), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
    Task arrange = tasks.createTaskQuery().processDefinitionKey("talk").taskDefinitionKey("ArrangeTalk").list()
        .stream().filter(task -> unitCode.equals(runtime.getVariable(task.getExecutionId(), "unitCode")))
        .findFirst().orElseThrow();
    String when = LocalDate.now().plusDays(2).atTime(9, 30).toString();
    ResponseEntity<String> completed = http.withBasicAuth("jiwei", PASSWORD).exchange(
        "/engine-rest/task/" + arrange.getId() + "/submit-form", HttpMethod.POST,
        json("{\"variables\":{\"talkTime\":{\"value\":\"" + when + "\"},\"place\":{\"value\":\"区纪委第一谈话室\"},"
            + "\"participants\":{\"value\":\"区纪委监委：李明；单位：书记\"}}}"), String.class);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    List<Job> jobs = management.createJobQuery().messages().processDefinitionKey("talk").list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().messages().processDefinitionKey("talk").list();
    }
  }

  /** Runs the delivery jobs: once each, or three failing tries each when the mail server is down. */
  private void deliverAll(boolean failing) {
    for (Job delivery : management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .withRetriesLeft().list()) {
      if (failing) {
        for (int attempt = 0; attempt < 3; attempt++) {
          assertThatThrownBy(() -> management.executeJob(delivery.getId())).isInstanceOf(Exception.class);
        }
      } else {
        management.executeJob(delivery.getId());
      }
    }
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
