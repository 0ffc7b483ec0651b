package org.liangze.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityCases;
import org.liangze.accountability.CaseSource;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(60);

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
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      fail("The browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
    }
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
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
  void theCommissionRegistersAComplaintAndOpensACaseOnAUnitPickedByName() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(base + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys("jiwei");
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();

    // 发起流程 → 问题线索处置: the registration form
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(normalize-space(.),'发起流程')]"))));
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='问题线索处置']"))));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-form-field-text')]//h3[contains(.,'登记问题线索')]")));
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[contains(.,'信访举报')]"))));
    field("线索标题").sendKeys("反映花园社区违规发放困难补助");
    field("反映的主要问题").sendKeys("群众来信反映，花园社区向不符合条件的人员发放困难补助。");
    field("反映人").sendKeys("群众来信（署名）", org.openqa.selenium.Keys.TAB);
    // the form takes typed text after a short debounce
    Thread.sleep(1000);
    screenshot("clue-01-register");
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='开始']"))));
    await().atMost(WAIT).until(() -> tasks("jiwei").size() == 1);

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
    click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[contains(.,'立案问责')]"))));
    WebElement unit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and contains(normalize-space(.),'被反映单位')]"
            + "/following::input[1]")));
    click(unit);
    unit.sendKeys("花园");
    // a real mouse click: the list picks on mousedown
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='洪家楼街道花园社区（村居）']"))).click();
    wait.until(d -> "洪家楼街道花园社区（村居）".equals(unit.getDomProperty("value")));
    screenshot("clue-02-triage");
    WebElement complete = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    click(complete);

    try {
      await().atMost(WAIT).until(() -> clues.all().stream().anyMatch(c -> Clue.CASE_OPENED.equals(c.status())));
    } finally {
      screenshot("clue-03-done");
    }
    Clue opened = clues.all().get(0);
    assertThat(opened.unitCode()).isEqualTo("T01V01");
    assertThat(opened.triagedBy()).isEqualTo("jiwei");
    assertThat(cases.accountabilityCase(opened.caseId()).source()).isEqualTo(CaseSource.COMPLAINT);
  }

  /** The input of the form field with this label. */
  private WebElement field(String label) {
    WebElement element = browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'" + label + "')]"));
    return browser.findElement(By.id(element.getAttribute("for")));
  }

  private void click(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", element);
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
  }

  private java.util.List<JsonNode> tasks(String user) throws IOException {
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD)
        .getForObject("/engine-rest/task?processDefinitionKey=" + ClueProcess.KEY, String.class));
    java.util.List<JsonNode> all = new java.util.ArrayList<>();
    list.forEach(all::add);
    return all;
  }

  private void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
