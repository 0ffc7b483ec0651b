package org.liangze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

/**
 * Looks at a running demo in Chromium, as the commission and as a unit secretary, and saves screenshots in
 * {@code target/screenshots/demo-*.png}. Not part of the suite: run against a demo started with
 * {@code mvn spring-boot:run}, e.g. {@code mvn test -Dtest=DemoScreenshots -Ddemo.url=http://localhost:8080}.
 */
@EnabledIfSystemProperty(named = "demo.url", matches = "http.*")
class DemoScreenshots {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theCommissionAndASecretaryLookAtTheDemo() throws Exception {
    String base = System.getProperty("demo.url");
    Files.createDirectories(SCREENSHOTS);
    look(base, "jiwei", browser -> {
      tasklist(browser, base, "demo-jiwei-tasklist", "开展谈话并记录");
      page(browser, base + "/api/units/D01/talks", "demo-jiwei-talks-d01", "廉政谈话");
      page(browser, base + "/pages/notifications", "demo-jiwei-notifications", DemoCase.NOTIFICATION_TITLE);
      page(browser, base + "/pages/units/D01/record", "demo-jiwei-record-d01", "谈话");
      // Cockpit's dashboard: overdue work by unit, by name (no unit code), one unit opened
      browser.get(base + "/camunda/app/cockpit/default/#/dashboard");
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".liangze-overdue-toggle"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".liangze-overdue-tasks"), "逾期"));
      assertThat(browser.findElement(By.tagName("body")).getText()).as("no variable names for a supervisor to type")
          .doesNotContain("overdue").doesNotContain("warningLevel");
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
          browser.findElement(By.cssSelector(".liangze-overdue-tasks")));
      shoot(browser, "demo-jiwei-cockpit-overdue");
      // a process's diagram in Cockpit: its steps in plain words, no expression of a task name
      browser.get(base + "/camunda/app/cockpit/default/#/processes");
      wait.until(ExpectedConditions.elementToBeClickable(By.linkText("目标责任书签订"))).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".djs-container"),
          "阅读并签订目标责任书"));
      assertThat(browser.findElement(By.cssSelector(".djs-container")).getText()).doesNotContain("${");
      shoot(browser, "demo-jiwei-cockpit-letter-diagram");
    });
    look(base, "t01v01sec", browser -> {
      tasklist(browser, base, "demo-t01v01sec-tasklist", "申诉");
      page(browser, base + "/pages/units/T01V01/record", "demo-t01v01sec-record", "社区党委会议记录.pdf");
      // the case's completed tasks in the manual: each outcome in its form's words, none repeated on later tasks
      assertThat(browser.getPageSource()).contains("结果：立案调查（一案双查）").doesNotContain("结果：OPEN")
          .containsPattern(">问责（\\d{4}-\\d{2}-\\d{2} 发起）<"); // the entries' process by name, not by id
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})",
          browser.findElement(By.xpath("//td[contains(.,'完成「初步核实')]")));
      shoot(browser, "demo-t01v01sec-record-outcomes");
      page(browser, base + "/pages/notifications", "demo-t01v01sec-notifications", "何某");
    });
    look(base, "t01insp", browser -> {
      tasklist(browser, base, "demo-t01insp-tasklist", "花园社区");
      // the town's own self-check: the records tag list offers the town's record entries as the form opens
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//*[contains(@class,'tasks-list')]//a[contains(normalize-space(.),'逐项自查')]"))).click();
      WebElement records = wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//label[contains(.,'纪实记录')]/ancestor::div[contains(@class,'fjs-form-field')][1]//input")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", records);
      records.click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist")));
      shoot(browser, "demo-t01insp-self-check-records");
    });
    look(base, "d01sec", browser -> tasklist(browser, base, "demo-d01sec-tasklist", "落实谈话承诺"));
    // level by level: a town's secretary reads the villages' tasks in 全部可见任务 (the task query's semi-join)
    look(base, "t01sec", browser -> {
      browser.get(base + "/camunda/app/tasklist/default/");
      new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//a[contains(normalize-space(.),'全部可见任务')]"))).click();
      tasklist(browser, null, "demo-t01sec-all-visible", "花园社区");
    });
    // a task assigned to its person without candidates is not in 我的待办 (candidates only): 全部可见任务 has it
    look(base, "t02insp", browser -> {
      browser.get(base + "/camunda/app/tasklist/default/");
      new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
          By.xpath("//a[contains(normalize-space(.),'全部可见任务')]"))).click();
      tasklist(browser, null, "demo-t02insp-tasklist", "述责述廉");
    });
  }

  interface Visit {
    void in(WebDriver browser) throws Exception;
  }

  private void look(String base, String user, Visit visit) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(base + "/camunda/app/tasklist/default/");
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
          .sendKeys(user);
      browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
      browser.findElement(By.cssSelector("button[type='submit']")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
      visit.in(browser);
    } finally {
      browser.quit();
    }
  }

  /** Tasklist's list (opened again unless {@code base} is null) once it shows {@code expected}. */
  private void tasklist(WebDriver browser, String base, String name, String expected) throws Exception {
    if (base != null) {
      browser.get(base + "/camunda/app/tasklist/default/");
    }
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".tasks-list"), expected));
    shoot(browser, name);
  }

  private void page(WebDriver browser, String url, String name, String expected) throws Exception {
    browser.get(url);
    assertThat(browser.getPageSource()).contains(expected);
    shoot(browser, name);
  }

  private static void shoot(WebDriver browser, String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
