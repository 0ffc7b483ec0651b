package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every form stays valid JSON and links from its intro to an existing section of the guidebook. */
class GuidebookLinksTest {

  private static final Pattern LINK = Pattern.compile("\\[查看一本通]\\(/pages/guidebook#([a-z-]+)\\)");

  @Test
  void everyFormLinksToASectionOfTheGuidebook() throws IOException {
    String guidebook = Files.readString(Path.of("src/main/resources/templates/dashboard/guidebook.html"));
    List<Path> forms;
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      forms = files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
    }
    assertThat(forms).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (Path form : forms) {
      JsonNode root = json.readTree(form.toFile());
      JsonNode intro = null;
      for (JsonNode component : root.get("components")) {
        if ("text".equals(component.path("type").asText())) {
          intro = component;
          break;
        }
      }
      assertThat(intro).as("%s has an intro text", form).isNotNull();
      Matcher link = LINK.matcher(intro.get("text").asText());
      assertThat(link.find()).as("%s links to the guidebook", form).isTrue();
      assertThat(List.of(Guidebook.SECTIONS)).as(form.toString()).contains(link.group(1));
      assertThat(guidebook).as("section %s of %s", link.group(1), form).contains("id=\"" + link.group(1) + "\"");
    }
    for (String section : Guidebook.SECTIONS) {
      assertThat(guidebook).contains("id=\"" + section + "\"").contains("href=\"#" + section + "\"");
    }
  }
}
