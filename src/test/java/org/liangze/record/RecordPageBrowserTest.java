package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListService;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.CampaignRun;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A real browser (Debian's chromium and chromedriver, headless) at a phone's viewport (390×844, as an iPhone 12–14)
 * as a unit's staff member logged into Tasklist: opens 我的清单, records work against an item with a document and a photo uploaded from
 * the page (a progress bar per file), sees a file over the limit and a disguised file refused in Chinese, is told
 * what is missing, and finds the entry in the record manual, appended to an intact chain. No page is wider than the
 * phone. Screenshots go to target/screenshots/record-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "liangze.evidence.max-size=64KB")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordPageBrowserTest {

  static final String PASSWORD = "record-browser-pw";
  static final int WIDTH = 390;
  static final int HEIGHT = 844;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListService lists;
  @Autowired RecordManual manual;
  @Autowired ChainVerifier verifier;
  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired CampaignRun campaignRun;
  @Autowired TaskService tasks;
  Chromium chromium;
  ChromeDriver browser;
  Path scratch;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear())) {
      identitySync.sync();
    }
    scratch = Files.createTempDirectory("record-page");
    chromium = Chromium.phone();
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (scratch != null) {
      try (var files = Files.list(scratch)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(scratch);
    }
  }

  @Test
  void aStaffMemberRecordsWorkWithAnUploadedFileFromThePhone() throws Exception {
    int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    EffectiveItem item = lists.effectiveItems("D01", year).get(0);
    long before = manual.entriesOf("D01").size();
    Path minutes = file("党组会议纪要.pdf", RecordPagesPostgresTest.PDF);
    Path photo = file("会场照片.png", RecordPagesPostgresTest.png());
    Path tooBig = file("扫描件.pdf", Arrays.copyOf(RecordPagesPostgresTest.PDF, 70 * 1024));
    Path disguised = file("照片.jpg", "<html><body>not a photo</body></html>".getBytes(StandardCharsets.UTF_8));
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);

    // logged into Tasklist, as staff are: the pages read with that login, and write with its CSRF token
    login(base, wait, "d01staff");
    browser.get(base + "/pages/units/D01/list");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("item-" + item.itemId())));
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("我的清单");
    assertThat(browser.findElement(By.id("main")).getText()).contains("主体责任");
    assertThat(browser.findElement(By.id("supervisory")).getText()).contains("监督责任");
    assertFitsThePhone("我的清单");
    chromium.screenshot("record-01-list");

    browser.findElement(By.id("item-" + item.itemId())).findElement(By.cssSelector("a.record-item")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-form")));
    assertThat(new Select(browser.findElement(By.id("item"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo(String.valueOf(item.itemId()));
    assertThat(browser.findElement(By.id("camera")).getAttribute("capture")).isEqualTo("environment");
    assertThat(browser.findElement(By.id("files")).getAttribute("accept")).startsWith("image/*,application/pdf");
    assertFitsThePhone("新增履责纪实");

    // a document and a photo in one pick, then two files the platform refuses
    browser.findElement(By.id("files")).sendKeys(minutes + "\n" + photo);
    wait.until(driver -> driver.findElements(By.cssSelector("#uploads li.done")).size() == 2);
    for (WebElement bar : browser.findElements(By.cssSelector("#uploads li.done progress"))) {
      assertThat(bar.getDomProperty("value")).isEqualTo("100");
    }
    browser.findElement(By.id("files")).sendKeys(tooBig.toString());
    browser.findElement(By.id("camera")).sendKeys(disguised.toString());
    wait.until(driver -> driver.findElements(By.cssSelector("#uploads li.failed")).size() == 2);
    List<WebElement> failed = browser.findElements(By.cssSelector("#uploads li.failed"));
    assertThat(failed.get(0).getText()).contains("扫描件.pdf", "文件超过大小限制（64 KB）");
    assertThat(failed.get(1).getText()).contains("照片.jpg", "不支持的文件类型");
    browser.executeScript("arguments[0].scrollIntoView({block: 'end'})", failed.get(1));
    chromium.screenshot("record-02-uploads");

    // what is missing is said in Chinese, and nothing is recorded
    browser.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
    assertThat(browser.findElement(By.id("message")).getText()).contains("请选择记录类型");
    new Select(browser.findElement(By.id("kind"))).selectByVisibleText("会议");
    browser.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "请填写履责情况摘要"));
    chromium.screenshot("record-03-missing-summary");
    assertThat(manual.entriesOf("D01")).hasSize((int) before);

    browser.findElement(By.id("summary")).sendKeys("召开党组会，专题研究党风廉政建设工作");
    browser.findElement(By.id("save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("added")));
    RecordEntry entry = manual.entriesOf("D01").get((int) before);
    assertThat(browser.findElement(By.id("added")).getText()).isEqualTo("已记入纪实手册第" + entry.seq() + "条。");
    assertThat(entry.summary()).isEqualTo("召开党组会，专题研究党风廉政建设工作");
    assertThat(entry.kind()).isEqualTo(EntryKind.MEETING);
    assertThat(entry.listItemId()).isEqualTo(item.itemId());
    assertThat(entry.actor()).isEqualTo("d01staff");
    assertThat(entry.evidence()).hasSize(2);
    assertThat(verifier.verify("D01").intact()).isTrue();
    WebElement row = browser.findElement(By.id("entry-" + entry.seq()));
    assertThat(row.getText()).contains("召开党组会，专题研究党风廉政建设工作", "党组会议纪要.pdf", "会场照片.png");
    assertThat(browser.findElement(By.cssSelector(".status")).getText()).isEqualTo("完整");
    assertFitsThePhone("纪实手册");
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", row);
    chromium.screenshot("record-04-manual");
  }

  @Test
  void theSelfCheckFormOffersTheFilesTheUnitUploaded() throws Exception {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900,
        "deviceScaleFactor", 1, "mobile", false));
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    MultiValueMap<String, Object> file = new LinkedMultiValueMap<>();
    file.add("file", WebClient.namedFile((new String(RecordPagesPostgresTest.PDF, StandardCharsets.US_ASCII)
        + "% 村两委会议").getBytes(StandardCharsets.UTF_8), "村两委会议记录.pdf"));
    assertThat(http.withBasicAuth("t01v01staff", PASSWORD).postForEntity("/api/evidence",
        new HttpEntity<>(file, multipart), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String quarter = today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1);
    assertThat(http.withBasicAuth("jiwei", PASSWORD).postForEntity("/api/self-check-campaigns",
        Map.of("quarter", quarter), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    campaignRun.runJobs(runtime.createProcessInstanceQuery().processDefinitionKey("quarterlySelfCheck")
        .singleResult().getId());
    // the staff member's share of the assessment: the items whose 责任人 she is, assigned to her
    Task assess = tasks.createTaskQuery().processInstanceBusinessKey("selfcheck-T01V01-" + quarter)
        .taskAssignee("t01v01staff").singleResult();

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    login(base, wait, "t01v01staff");
    browser.get(base + "/camunda/app/tasklist/default/#/?task=" + assess.getId());
    // the form's links open the record pages of the unit
    WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//a[normalize-space(.)='上传佐证材料、记录履责']")));
    assertThat(upload.getAttribute("href")).endsWith("/pages/units/T01V01/record/new");
    WebElement evidence = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("input.fjs-taglist-input")));
    browser.executeScript("arguments[0].scrollIntoView({block:'center'});", evidence);
    chromium.screenshot("record-05-self-check-form");
    wait.until(ExpectedConditions.elementToBeClickable(evidence)).click();
    WebElement option;
    try {
      option = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
          "//*[contains(@class,'fjs-dropdownlist-item') and starts-with(normalize-space(.),'村两委会议记录.pdf（')]")));
    } finally {
      chromium.screenshot("record-05-self-check-options");
    }
    chromium.screenshot("record-05-self-check-options");
    option.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-taglist-tag') and contains(normalize-space(.),'村两委会议记录.pdf')]")));
    chromium.screenshot("record-06-self-check-picked");
  }

  private void login(String base, WebDriverWait wait, String user) {
    chromium.logIntoTasklist(base, user, PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]")));
  }

  /** Nothing is wider than the phone: no sideways scrolling. */
  private void assertFitsThePhone(String page) {
    Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
    assertThat(width.intValue()).as(page + " fits %d CSS pixels", WIDTH).isLessThanOrEqualTo(WIDTH);
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(scratch.resolve(name), content).toAbsolutePath();
  }
}
