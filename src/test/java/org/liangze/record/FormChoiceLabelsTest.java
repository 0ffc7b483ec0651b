package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The words a form showed for a choice: the platform's own forms, as deployed. */
class FormChoiceLabelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSameValueReadsAsEachFormShowsIt() throws IOException {
    assertThat(FormChoiceLabels.find(form("accountability-verify"), "decision", "OPEN"))
        .contains("立案调查（一案双查）");
    assertThat(FormChoiceLabels.find(form("self-check-inspect"), "decision", "PASS")).contains("通过");
    assertThat(FormChoiceLabels.find(form("letter-sign"), "decision", "OBJECT")).contains("提出异议");
    assertThat(FormChoiceLabels.find(form("letter-sign"), "decision", "NOT_A_CHOICE")).isEmpty();
    assertThat(FormChoiceLabels.find(form("letter-sign"), "noSuchField", "OBJECT")).isEmpty();
  }

  private static JsonNode form(String name) throws IOException {
    return JSON.readTree(Files.readString(Path.of("forms", name + ".form")));
  }
}
