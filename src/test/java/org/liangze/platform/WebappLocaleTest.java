package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chinese webapps: for Tasklist, Cockpit, Admin and Welcome, the platform's {@code zh-CN.json} has every key of
 * the English locale inside the Camunda webjar on the classpath (so a Camunda upgrade that adds keys fails here),
 * no English text left in it, the same placeholders; each app's {@code config.js} makes zh-CN the default and keeps
 * the webjar's own settings; the Community Edition's migration banner is hidden.
 */
class WebappLocaleTest {

  private static final String WEBJAR_APPS = "META-INF/resources/webjars/camunda/app/";
  private static final Path OWN_APPS = Path.of("src/main/resources", WEBJAR_APPS);
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theChineseLocaleHasEveryKeyOfTheEnglishOneInChinese(String app) throws IOException {
    JsonNode english = webjarEnglishLocale(app);
    assertThat(flatten(english)).as("keys in the webjar's %s en.json", app).hasSizeGreaterThan(100);

    List<String> problems = LocaleCheck.problems(english, read(OWN_APPS.resolve(app + "/locales/zh-CN.json")));

    assertThat(problems).as("problems of %s/locales/zh-CN.json", app).isEmpty();
  }

  @Test
  void theCheckReportsEveryFaultOfASeededBrokenLocale() throws IOException {
    JsonNode broken = read(Path.of("src/test/resources/locale-fixtures/welcome-zh-CN-broken.json"));

    List<String> problems = LocaleCheck.problems(webjarEnglishLocale("welcome"), broken);

    assertThat(problems).containsExactlyInAnyOrder(
        "missing key: labels.BACK",
        "untranslated: labels.CANCEL = \"Cancel\"",
        "placeholders differ: labels.AUTH_LOGOUT_THANKS has [] instead of [{{dayContext}}]",
        "key unknown to Camunda: labels.NO_SUCH_KEY_IN_CAMUNDA");
  }

  @Test
  void theCheckAcceptsTechnicalTermsAndChineseTextAroundThem() throws IOException {
    JsonNode english = JSON.readTree("{\"labels\":{\"A\":\"ID\",\"B\":\"Edit DMN\",\"C\":\"{{count}} jobs\",\"D\":\"<\"}}");

    assertThat(LocaleCheck.problems(english,
        JSON.readTree("{\"labels\":{\"A\":\"ID\",\"B\":\"编辑 DMN\",\"C\":\"{{ count }} 个作业\",\"D\":\"<\"}}")))
        .isEmpty();
    assertThat(LocaleCheck.problems(english,
        JSON.readTree("{\"labels\":{\"A\":\"ID\",\"B\":\"Edit DMN\",\"C\":\"{{count}} jobs\",\"D\":\"<\"}}")))
        .containsExactlyInAnyOrder("untranslated: labels.B = \"Edit DMN\"", "untranslated: labels.C = \"{{count}} jobs\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configMakesChineseTheDefaultAndKeepsTheWebjarsSettings(String app) throws IOException {
    String config = Files.readString(OWN_APPS.resolve(app + "/scripts/config.js"));

    assertThat(config).containsPattern("(?m)^\\s*fallbackLocale:\\s*'zh-CN'");
    Matcher available = Pattern.compile("(?m)^\\s*availableLocales:\\s*\\[([^\\]]*)]").matcher(config);
    assertThat(available.find()).as("availableLocales set in %s config.js", app).isTrue();
    List<String> locales = Pattern.compile("'([^']+)'").matcher(available.group(1)).results()
        .map(match -> match.group(1)).toList();
    // Chinese only: the webapps would otherwise hand an English-first browser the English UI
    assertThat(locales).containsExactly("zh-CN");
    assertThat(locales).allSatisfy(locale -> assertThat(locale.equals("zh-CN")
            ? Files.exists(OWN_APPS.resolve(app + "/locales/zh-CN.json"))
            : webjarResource(app + "/locales/" + locale + ".json") != null)
        .as("%s declares %s, which has a locale file", app, locale).isTrue());
    assertThat(config).contains("vendor: '两责监督平台'");

    // every setting of the stock config.js (its code lines, not comments) is still there; only the tasklist
    // shortcut descriptions are translated
    String stock = new String(webjarResource(app + "/scripts/config.js").openStream().readAllBytes(),
        StandardCharsets.UTF_8);
    List<String> stockCode = stock.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("/*") && !line.startsWith("*") && !line.startsWith("//"))
        .filter(line -> !line.startsWith("description:"))
        .toList();
    assertThat(config.lines().map(String::strip).toList()).containsAll(stockCode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theProjectsFilesComeBeforeTheWebjarsOnTheClasspathAndHideTheMigrationBanner(String app) throws IOException {
    for (String file : List.of("scripts/config.js", "styles/user-styles.css", "locales/zh-CN.json")) {
      URL url = getClass().getClassLoader().getResource(WEBJAR_APPS + app + "/" + file);
      assertThat(url).as("%s/%s on the classpath", app, file).isNotNull();
      assertThat(url.getProtocol()).as("%s/%s comes from the project, not the webjar", app, file).isEqualTo("file");
    }
    assertThat(Files.readString(OWN_APPS.resolve(app + "/styles/user-styles.css")))
        .containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none");
  }

  private static JsonNode webjarEnglishLocale(String app) throws IOException {
    URL url = webjarResource(app + "/locales/en.json");
    assertThat(url).as("en.json of %s in the Camunda webjar", app).isNotNull();
    assertThat(url.getProtocol()).as("en.json of %s comes from the webjar", app).isEqualTo("jar");
    try (InputStream in = url.openStream()) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static URL webjarResource(String path) {
    return WebappLocaleTest.class.getClassLoader().getResource(WEBJAR_APPS + path);
  }

  private static JsonNode read(Path path) throws IOException {
    return parse(Files.readString(path));
  }

  private static JsonNode parse(String text) throws IOException {
    // Camunda's locale files start with a byte order mark
    return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  static Map<String, JsonNode> flatten(JsonNode node) {
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    flatten("", node, leaves);
    return leaves;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), leaves);
      }
    } else {
      leaves.put(prefix, node);
    }
  }

  /** Compares a translation with the English locale it translates. */
  static final class LocaleCheck {

    /** Values that stay as they are in Chinese: technical terms and date formats. */
    private static final Set<String> KEPT_AS_IS =
        Set.of("ID", "ID*", "CSV", "JSON", "HH:mm", "YYYY-MM-DD", "YYYY-MM-DDTHH:mm:ss");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}|%[sd]");
    private static final Pattern MARKUP = Pattern.compile("\\{\\{.*?}}|<[^>]*>|&\\w+;|%[sd]");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    static List<String> problems(JsonNode english, JsonNode translation) {
      Map<String, JsonNode> en = flatten(english);
      Map<String, JsonNode> zh = flatten(translation);
      List<String> problems = new ArrayList<>();
      en.forEach((key, enValue) -> {
        JsonNode zhValue = zh.get(key);
        if (zhValue == null) {
          problems.add("missing key: " + key);
        } else if (enValue.isTextual()) {
          String source = enValue.asText();
          String text = zhValue.asText();
          if (LATIN_WORD.matcher(MARKUP.matcher(source).replaceAll(" ")).find()
              && !CHINESE.matcher(text).find() && !KEPT_AS_IS.contains(text)) {
            problems.add("untranslated: " + key + " = \"" + text + "\"");
          }
          Set<String> expected = placeholders(source);
          Set<String> actual = placeholders(text);
          if (!expected.equals(actual)) {
            problems.add("placeholders differ: " + key + " has " + actual + " instead of " + expected);
          }
        } else if (zhValue.getNodeType() != enValue.getNodeType()) {
          problems.add("wrong type: " + key);
        }
      });
      zh.keySet().stream().filter(key -> !en.containsKey(key))
          .forEach(key -> problems.add("key unknown to Camunda: " + key));
      return problems;
    }

    private static Set<String> placeholders(String text) {
      Set<String> found = new TreeSet<>();
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        found.add(matcher.group(1) == null ? matcher.group() : "{{" + matcher.group(1) + "}}");
      }
      return found;
    }
  }
}
