package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real browser (Debian's chromium and chromedriver, headless): a new person logs into Tasklist with the first
 * password the import handed out, is taken to the Chinese password page before anything else, sets a new password
 * and then works in Tasklist. Screenshots in target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PasswordChangeBrowserTest {


  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired PersonRepository people;
  @Autowired FirstPasswords firstPasswords;
  @Autowired TransactionTemplate transaction;
  @Autowired ApplicationEventPublisher events;
  Chromium chromium;
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    district.seedIfEmpty(2026);
    chromium = Chromium.sized(1000, 900);
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theFirstTasklistLoginGoesToTheChinesePasswordPage() throws IOException {
    String login = "firstlogin";
    String first = transaction.execute(status -> {
      people.upsertAll(List.of(new Person(login, "李明", null, null, List.of(new Post("D01", Role.STAFF)))));
      String issued = firstPasswords.issue(List.of(login)).get(login);
      events.publishEvent(new OrganisationChanged(Set.of(login), Set.of(), Set.of(), Set.of(), "zuzhi"));
      return issued;
    });

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, login, first);

    // before anything else: the password page, in Chinese, with the login filled in
    wait.until(ExpectedConditions.urlToBe(base + "/pages/password"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form button[type='submit']")));
    chromium.screenshot("password-01-first-login");
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).contains("修改密码").contains("须先设置自己的新密码").contains("密码要求：至少10位");
    assertThat(browser.findElement(By.id("login")).getAttribute("value")).isEqualTo(login);

    // a password too short: a clear message, and nothing changes
    browser.findElement(By.id("current")).sendKeys(first);
    browser.findElement(By.id("password")).sendKeys("Ab1!ab1!ab");
    browser.findElement(By.id("confirm")).sendKeys("Ab1!ab1!xx");
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
    assertThat(browser.findElement(By.cssSelector(".error")).getText()).isEqualTo("两次输入的新密码不一致");
    chromium.screenshot("password-02-refused");

    browser.findElement(By.id("current")).sendKeys(first);
    browser.findElement(By.id("password")).sendKeys("Liangze-2026");
    browser.findElement(By.id("confirm")).sendKeys("Liangze-2026");
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
    assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains("密码已修改");
    chromium.screenshot("password-03-changed");

    // and now Tasklist opens with the same session
    browser.findElement(By.linkText("进入任务中心")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]")));
    assertThat(browser.getCurrentUrl()).contains("/camunda/app/tasklist/");
    chromium.screenshot("password-04-tasklist");
  }
}
