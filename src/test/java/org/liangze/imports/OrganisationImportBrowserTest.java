package org.liangze.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.imports.OrganisationSpreadsheets.District;
import org.liangze.organisation.UnitRepository;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
 * A real browser (Debian's chromium and chromedriver, headless) on the import page as the administrator: uploads a
 * workbook with a village under a department and sees the dry-run report with the row in error; uploads the
 * corrected workbook, sees a clean dry run, applies it, and finds the units in the district tree. Screenshots go to
 * target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OrganisationImportBrowserTest {


  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired UnitRepository units;
  Chromium chromium;
  ChromeDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    chromium = Chromium.desk();
    browser = chromium.driver();
    // the administrator's HTTP Basic login on every request, as the browser sends it once the person has logged in
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8)))));
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anAdministratorUploadsAWorkbookSeesTheDryRunReportAndApplies() throws Exception {
    District district = OrganisationSpreadsheets.district(2, 1, 2, 2, 1);
    District wrong = district.copy();
    // row 10 of 单位: a village under a department
    wrong.units().set(8, OrganisationSpreadsheets.row("T002V001", "第2街道第1社区", "村居", "D001"));
    Path wrongFile = Files.write(Files.createTempFile("组织机构-有误", ".xlsx"), OrganisationSpreadsheets.workbook(wrong));
    Path rightFile = Files.write(Files.createTempFile("组织机构", ".xlsx"), OrganisationSpreadsheets.workbook(district));
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    try {
      browser.get(base + "/pages/organisation/import");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dry-run")));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("导入组织机构");
      chromium.screenshot("import-01-page");

      browser.findElement(By.id("file")).sendKeys(wrongFile.toAbsolutePath().toString());
      browser.findElement(By.id("dry-run")).click();
      WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("#problems tbody tr.problem")));
      List<WebElement> cells = problem.findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo("单位");
      assertThat(cells.get(1).getText()).isEqualTo("10");
      assertThat(browser.findElements(By.cssSelector("#problems tbody tr.problem"))).hasSize(1);
      assertThat(cells.get(2).getText()).isEqualTo("上级单位代码");
      assertThat(cells.get(3).getText()).contains("村居“第2街道第1社区”不能隶属于区直部门");
      assertThat(browser.findElement(By.id("report-title")).getText()).contains("试导入报告");
      assertThat(browser.findElement(By.id("apply")).isEnabled()).isFalse();
      assertThat(browser.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("100");
      chromium.screenshot("import-02-dry-run-with-errors");
      assertThat(units.isEmpty()).as("a dry run with errors changes nothing").isTrue();

      browser.findElement(By.id("file")).sendKeys(rightFile.toAbsolutePath().toString());
      browser.findElement(By.id("dry-run")).click();
      wait.until(ExpectedConditions.textToBe(By.id("problems-title"), "问题：无"));
      assertThat(browser.findElement(By.id("units-added")).getText()).isEqualTo(String.valueOf(district.units().size()));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("apply")));
      chromium.screenshot("import-03-dry-run-clean");
      assertThat(units.isEmpty()).isTrue();

      browser.findElement(By.id("apply")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-title"), "已导入"));
      assertThat(browser.findElement(By.id("passwords")).isDisplayed()).isTrue();
      chromium.screenshot("import-04-applied");
      assertThat(units.findAllActive()).hasSize(district.units().size());

      browser.get(base + "/pages/organisation?q=T002V002");
      WebElement village = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("li[data-unit='T002V002']")));
      assertThat(village.getText()).contains("第2街道第2社区", "书记T002V002");
      chromium.screenshot("import-05-tree");
    } finally {
      Files.deleteIfExists(wrongFile);
      Files.deleteIfExists(rightFile);
    }
  }
}
