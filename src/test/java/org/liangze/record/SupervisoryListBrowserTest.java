package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese, a phone's viewport), as the demo's people:
 * 区教育和体育局's 纪检委员 李娜 goes from 我的清单 to 监督清单 by the record pages' navigation and finds her supervisory
 * items with the entries written against them and their flags; the unit's secretary 张伟 gives a common item to the
 * staff member 王芳 on 我的清单, picking her by name — a row left without 责任人 is refused in Chinese first and
 * nothing is kept. Screenshots go to target/screenshots/supervisory-list-*.png and common-responsibles-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SupervisoryListBrowserTest {

  static final String PASSWORD = "supervisory-browser-pw";
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
  @Autowired ManualEntries entries;
  @Autowired EvidenceFiles files;
  @Autowired Clock clock;
  Chromium chromium;
  ChromeDriver browser;
  int year;

  @BeforeEach
  void setUp() throws IOException {
    year = LocalDate.now(clock).getYear();
    if (district.seedIfEmpty(year)) {
      identitySync.sync();
    }
    chromium = Chromium.phone();
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theInspectorFindsTheirSupervisoryItemsWithEntriesAndFlags() throws IOException {
    EffectiveItem watched = lists.effectiveItems("D01", year).stream()
        .filter(item -> item.responsibility() == Responsibility.SUPERVISORY).findFirst().orElseThrow();
    Official inspector = Official.of("d01insp", List.of(Groups.of(Role.INSPECTOR, "D01")));
    byte[] report = "%PDF-1.4 招生监督检查报告".getBytes(StandardCharsets.UTF_8);
    EvidenceFile file = files.store("招生监督检查报告.pdf", report, "d01insp", List.of("D01"));
    entries.add(inspector, "D01", new ManualEntries.Request(EntryKind.INSPECTION, watched.itemId(),
        clock.instant().minus(Duration.ofDays(15)), "对招生工作开展专项监督检查", "检查报告经党组审定后补录",
        List.of(file.contentHash())));

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    login(base, wait, "d01insp");
    browser.get(base + "/pages/units/D01/list");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("监督清单"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "监督清单"));
    assertThat(browser.findElement(By.cssSelector("nav.record a.here")).getText()).isEqualTo("监督清单");
    WebElement item = browser.findElement(By.id("item-" + watched.itemId()));
    assertThat(item.getText()).contains("由您负责", "责任人：李娜", "责任领导：张伟", "对招生工作开展专项监督检查",
        "补录：检查报告经党组审定后补录", "招生监督检查报告.pdf");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("您是本单位纪检委员")
        .doesNotContain("d01insp");
    Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
    assertThat(width.intValue()).as("fits the phone").isLessThanOrEqualTo(WIDTH);
    chromium.screenshot("supervisory-list-01-inspector");
  }

  @Test
  void theSecretaryGivesACommonItemToAPersonPickedByName() throws IOException {
    EffectiveItem item = lists.effectiveItems("D01", year).stream()
        .filter(candidate -> candidate.origin() == ListKind.COMMON
            && candidate.responsibility() == Responsibility.MAIN)
        .reduce((first, second) -> second).orElseThrow();
    assertThat(item.responsiblePerson()).isEqualTo("d01sec");

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    login(base, wait, "d01sec");
    browser.get(base + "/pages/units/D01/list");
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#item-" + item.itemId() + " .responsibles")));
    Select person = new Select(row.findElement(By.cssSelector("select.person")));
    assertThat(person.getFirstSelectedOption().getText()).isEqualTo("张伟（党组织书记）");
    assertThat(person.getOptions()).extracting(WebElement::getText).contains("王芳（工作人员）", "李娜（纪检委员）");

    // a row without 责任人: refused in Chinese, nothing kept
    person.selectByVisibleText("请选择");
    browser.findElement(By.id("save-responsibles")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("assign-message"), "请选择责任人"));
    assertThat(browser.findElement(By.id("assign-message")).getText()).contains("共性清单第" + item.position() + "项");
    chromium.screenshot("common-responsibles-01-refused");
    assertThat(responsibleOf(item)).isEqualTo("d01sec");

    person.selectByVisibleText("王芳（工作人员）");
    browser.findElement(By.id("save-responsibles")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("assign-message"), "已保存"));
    chromium.screenshot("common-responsibles-02-saved");
    assertThat(responsibleOf(item)).isEqualTo("d01staff");
    browser.navigate().refresh();
    assertThat(new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#item-" + item.itemId() + " select.person")))).getFirstSelectedOption().getText())
        .isEqualTo("王芳（工作人员）");
  }

  private String responsibleOf(EffectiveItem item) {
    return lists.effectiveItems("D01", year).stream().filter(candidate -> candidate.itemId() == item.itemId())
        .findFirst().orElseThrow().responsiblePerson();
  }

  private void login(String base, WebDriverWait wait, String user) {
    chromium.logIntoTasklist(base, user, PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]")));
  }
}
