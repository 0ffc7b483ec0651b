package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(60);

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
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      fail("The browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
    }
    district.seedIfEmpty(2026);
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1000,900",
        "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(WAIT);
  }

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.quit();
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
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(base + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys(login);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(first);
    browser.findElement(By.cssSelector("button[type='submit']")).click();

    // before anything else: the password page, in Chinese, with the login filled in
    wait.until(ExpectedConditions.urlToBe(base + "/pages/password"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form button[type='submit']")));
    screenshot("password-01-first-login");
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
    screenshot("password-02-refused");

    browser.findElement(By.id("current")).sendKeys(first);
    browser.findElement(By.id("password")).sendKeys("Liangze-2026");
    browser.findElement(By.id("confirm")).sendKeys("Liangze-2026");
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".done")));
    assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains("密码已修改");
    screenshot("password-03-changed");

    // and now Tasklist opens with the same session
    browser.findElement(By.linkText("进入任务中心")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]")));
    assertThat(browser.getCurrentUrl()).contains("/camunda/app/tasklist/");
    screenshot("password-04-tasklist");
  }

  private void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
