package org.liangze.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real browser of the browser tests: Debian's chromium, headless, in Chinese, driven by chromium-driver. One
 * place for what every {@code *BrowserTest} needs — starting it at a desk or phone size, logging into Tasklist the
 * way a person does, clicking what is off screen, Camunda Forms fields by their label, 保存 then 完成, and
 * screenshots in {@code target/screenshots}.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.desk()) {
 *   chromium.logIntoTasklist(base, "jiwei", PASSWORD);
 *   chromium.formField("线索标题").sendKeys("...");
 *   chromium.screenshot("clue-01-register");
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** How long a page, a Tasklist view or a form may take on a busy two-core machine. */
  public static final Duration WAIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private Chromium(int width, int height) {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      fail("The browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
    }
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height, "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    wait = new WebDriverWait(driver, WAIT);
  }

  /** A desk-sized window: 1400 × 1000. */
  public static Chromium desk() {
    return new Chromium(1400, 1000);
  }

  /**
   * A phone: 390 × 844 CSS pixels (an iPhone 12–14), mobile layout and touch. Emulated through the DevTools
   * protocol, because headless Chromium keeps a window at least 500 pixels wide whatever {@code --window-size} says.
   */
  public static Chromium phone() {
    Chromium phone = new Chromium(390, 844);
    phone.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
        "deviceScaleFactor", 2, "mobile", true));
    phone.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
    return phone;
  }

  /** A window of this size. */
  public static Chromium sized(int width, int height) {
    return new Chromium(width, height);
  }

  /** The driver itself, for what this class does not say. */
  public ChromeDriver driver() {
    return driver;
  }

  /** A wait of {@link #WAIT}. */
  public WebDriverWait waiting() {
    return wait;
  }

  /**
   * Logs into Tasklist through its login page and waits until the login form is gone (the filters are then
   * loading).
   */
  public void logIntoTasklist(String base, String user, String password) {
    driver.get(base + "/camunda/app/tasklist/default/");
    // the login form may be drawn again while it is typed into (the password once landed in the login field):
    // type both, read them back, and type again until they are as meant
    for (int attempt = 1; ; attempt++) {
      try {
        WebElement login = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("input[ng-model='username']")));
        login.clear();
        login.sendKeys(user);
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("input[ng-model='password']")));
        secret.clear();
        secret.sendKeys(password);
        if (user.equals(login.getDomProperty("value")) && password.equals(secret.getDomProperty("value"))) {
          break;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        // drawn again: type again
      }
      if (attempt == 5) {
        screenshot("login-failed-" + user);
        throw new IllegalStateException("the Tasklist login form did not keep what was typed for " + user);
      }
    }
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    try {
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    } catch (RuntimeException e) {
      // what the login page said (a refusal, a notification), for the diagnosis
      screenshot("login-failed-" + user);
      throw e;
    }
  }

  /**
   * Claims the task open in Tasklist (认领) and waits until the form is the claimer's: the button gone. A click that
   * lands before Tasklist has bound the button is lost (a full run once waited 60 s for it to go), so the button,
   * while still shown, is clicked again, up to three times.
   */
  public void claimOpenTask() {
    By claimable = By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim' or contains(@class,'claim')]");
    By shown = By.xpath("//button[normalize-space(.)='认领' or normalize-space(.)='Claim']");
    wait.until(ExpectedConditions.elementToBeClickable(claimable)).click();
    for (int attempt = 1; ; attempt++) {
      try {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.invisibilityOfElementLocated(shown));
        return;
      } catch (org.openqa.selenium.TimeoutException stillShown) {
        if (attempt == 3) {
          screenshot("claim-failed");
          throw stillShown;
        }
        driver.findElements(shown).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
      }
    }
  }

  /** Scrolls the element into the middle of the window and clicks it, as a person who scrolled first would. */
  public void click(WebElement element) {
    script("arguments[0].scrollIntoView({block:'center'});", element);
    script("arguments[0].click();", element);
  }

  /** Waits until the element is clickable, then {@link #click(WebElement) clicks} it. */
  public void click(By locator) {
    click(wait.until(ExpectedConditions.elementToBeClickable(locator)));
  }

  /** The input of the Camunda Forms field whose label starts with this text. */
  public WebElement formField(String label) {
    WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.),'" + label + "')]")));
    return driver.findElement(By.id(element.getAttribute("for")));
  }

  /**
   * Completes the open Tasklist form: 保存 first — Tasklist enables 完成 from the form's last validation, which a
   * radio click or a dynamic-list edit alone leaves stale — then 完成 once it is enabled.
   */
  public void saveAndComplete() {
    WebElement complete = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//button[normalize-space(.)='完成' or normalize-space(.)='Complete']")));
    script("arguments[0].scrollIntoView({block:'center'});", complete);
    script("arguments[0].click();", driver.findElement(
        By.xpath("//button[normalize-space(.)='保存' or normalize-space(.)='Save']")));
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    script("arguments[0].click();", complete);
  }

  /** Runs JavaScript in the page. */
  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Saves what the window shows as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
