package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real browser (Debian's chromium, headless, in Chinese) on 我的通知设置 as a demo official logged into Tasklist
 * (王芳, d01staff): saving with no channel shows the Chinese refusal and changes nothing; choosing 短信 and 钉钉 with
 * quiet hours saves; a notification then goes out by SMS and to the unit's DingTalk group (local stand-ins for both
 * gateways) and 我的通知 shows one row per channel. Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "liangze.notifications.channel=log",
    "liangze.notifications.sms.access-key-id=LTAI-test-key",
    "liangze.notifications.sms.access-key-secret=test-secret",
    "liangze.notifications.sms.sign-name=两责平台",
    "liangze.notifications.sms.template=SMS_100001"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationSettingsBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final FakeGateway gateway = new FakeGateway()
      .answer("/sms/", 200, "{\"Message\":\"OK\",\"RequestId\":\"R1\",\"BizId\":\"B1\",\"Code\":\"OK\"}")
      .answer("/robot/send", 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.notifications.sms.endpoint", () -> gateway.base() + "/sms/");
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired PersonRepository people;
  @Autowired UnitRobots robots;
  @Autowired NotificationPreferences preferences;
  @Autowired Notifications notifications;
  @Autowired ManagementService management;
  @Autowired TransactionTemplate transaction;
  Chromium chromium;
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    transaction.executeWithoutResult(status -> {
      Person wang = people.find("d01staff").orElseThrow();
      people.upsertAll(List.of(new Person(wang.userId(), wang.name(), "13800138000", wang.email(), wang.posts())));
      robots.save("D01", "DINGTALK", gateway.base() + "/robot/send?access_token=ding-token-of-d01", "SECsecret",
          "admin");
    });
    chromium = Chromium.sized(1200, 900);
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anOfficialChoosesSmsAndDingTalkWithQuietHoursAndReadsTheDeliveriesPerChannel() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "d01staff", PASSWORD);

    // from 我的通知 to 我的通知设置
    browser.get(base + "/pages/notification-centre");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("settings"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("settings")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("我的通知设置");
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains("您尚未设置，当前使用系统默认设置", "站内（通知中心）", "邮件", "短信", "发送到手机 138****8000",
        "钉钉", "发送到本单位钉钉群，并 @ 本人", "免打扰");
    assertThat(checkbox("log").isSelected()).isTrue();
    chromium.screenshot("notification-settings-01-defaults");

    // nothing chosen: the Chinese refusal, nothing saved
    for (WebElement box : browser.findElements(By.cssSelector("input[name='channel']"))) {
      if (box.isSelected()) {
        box.click();
      }
    }
    browser.findElement(By.id("save")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText())
        .isEqualTo("请至少选择一种接收方式");
    assertThat(preferences.of("d01staff").chosen()).isFalse();
    chromium.screenshot("notification-settings-02-refused");

    // 短信 and 钉钉, quiet from 22:00 to 07:00 (the fields' defaults)
    checkbox("sms").click();
    checkbox("dingtalk").click();
    browser.findElement(By.id("quiet")).click();
    browser.findElement(By.id("save")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("saved"))).getText())
        .contains("已保存");
    assertThat(checkbox("sms").isSelected()).isTrue();
    assertThat(checkbox("dingtalk").isSelected()).isTrue();
    assertThat(checkbox("log").isSelected()).isFalse();
    assertThat(browser.findElement(By.id("quiet")).isSelected()).isTrue();
    NotificationPreferences.Preference saved = preferences.of("d01staff");
    assertThat(saved.channels()).containsExactly("sms", "dingtalk");
    assertThat(saved.quietHours().map(QuietHours::toString)).hasValue("22:00–07:00");
    chromium.screenshot("notification-settings-03-saved");

    // a notice goes out (run explicitly: in the district's night its job waits for 07:00, which executeJob ignores)
    notifications.notifyUser("d01staff", NotificationKind.TALK_SCHEDULED, "谈话通知：新任职廉政谈话",
        "定于后天9:30在区纪委第一谈话室谈话。", "D01", null);
    for (Job job : management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY).list()) {
      management.executeJob(job.getId());
    }
    assertThat(gateway.requests("/sms/")).hasSize(1);
    assertThat(gateway.requests("/robot/send")).hasSize(1);
    browser.get(base + "/pages/notification-centre");
    WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notifications")));
    assertThat(table.findElements(By.cssSelector("tr[data-status='SENT'] td.channel")))
        .extracting(WebElement::getText).containsExactlyInAnyOrder("短信", "钉钉");
    chromium.screenshot("notification-settings-04-deliveries");
  }

  @Test
  void theAdministratorGivesAUnitAWeComRobotAndABadAddressIsRefused() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "admin", "test-admin-password");

    browser.get(base + "/pages/notification-centre");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("robots"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("robot")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("群机器人设置");
    assertThat(browser.findElement(By.id("robots")).getText()).contains("区教育和体育局", "钉钉", "已设置")
        .doesNotContain("ding-token-of-d01");

    // a DingTalk address given as WeCom's: refused, nothing stored
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("unit"))).selectByVisibleText("区住房和城乡建设局");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("provider"))).selectByVisibleText("企业微信");
    browser.findElement(By.id("url")).sendKeys(gateway.base() + "/robot/send?access_token=abc");
    browser.findElement(By.id("save")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText())
        .isEqualTo("这不是企业微信群机器人的 Webhook 地址，请从群机器人设置中完整复制");
    assertThat(robots.of("D02", RobotProvider.WECOM)).isEmpty();
    chromium.screenshot("notification-robots-01-refused");

    WebElement url = browser.findElement(By.id("url"));
    url.clear();
    url.sendKeys(gateway.base() + "/cgi-bin/webhook/send?key=wecom-key-of-d02");
    browser.findElement(By.id("save")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done"))).getText())
        .isEqualTo("区住房和城乡建设局的企业微信群机器人已保存。");
    assertThat(browser.findElement(By.id("robots")).getText()).contains("区住房和城乡建设局", "企业微信",
        "key=weco******02");
    assertThat(robots.of("D02", RobotProvider.WECOM)).isPresent();
    chromium.screenshot("notification-robots-02-saved");
    transaction.executeWithoutResult(status -> robots.remove("D02", "WECOM"));
  }

  private WebElement checkbox(String channel) {
    return browser.findElement(By.id("channel-" + channel));
  }
}
