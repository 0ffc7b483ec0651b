package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decisions taken on a task in the words its form showed: the platform's own forms, as deployed. */
class FormChoiceLabelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachFormNamesItsOwnDecisionInItsOwnWords() throws IOException {
    assertThat(FormChoiceLabels.decisions(form("accountability-verify"), Map.of("decision", "OPEN")::get))
        .containsExactly("立案调查（一案双查）");
    assertThat(FormChoiceLabels.decisions(form("letter-sign"), Map.of("decision", "OBJECT")::get))
        .containsExactly("提出异议");
    // a decision kept under another name
    assertThat(FormChoiceLabels.decisions(form("accountability-approve-notification"),
        Map.of("notificationDecision", "APPROVE", "decision", "OPEN")::get)).containsExactly("同意公开通报");
  }

  @Test
  void aDecisionTheFormDoesNotOfferIsNotThisTasks() throws IOException {
    // the case's verification decision is still a process variable when the investigation's form is completed
    assertThat(FormChoiceLabels.decisions(form("accountability-investigate-main"), Map.of("decision", "OPEN")::get))
        .isEmpty();
    // a value the form's choice does not have
    assertThat(FormChoiceLabels.decisions(form("letter-sign"), Map.of("decision", "OPEN")::get)).isEmpty();
    // the rows of a dynamic list are not the task's variables: the measures' approval has a decision per measure
    assertThat(FormChoiceLabels.decisions(form("accountability-approve-measures"), Map.of("decision", "APPROVE")::get))
        .isEmpty();
  }

  private static JsonNode form(String name) throws IOException {
    return JSON.readTree(Files.readString(Path.of("forms", name + ".form")));
  }
}
