package org.liangze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.liangze.clue.Clue;
import org.liangze.clue.ClueProcess;
import org.liangze.clue.Clues;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo starts with a complaint registered by the commission and waiting in its Tasklist for triage. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "liangze.demo.start-campaigns=true")
@ActiveProfiles({"test", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoCluesTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired Clues clues;
  @Autowired TaskService tasks;

  @Test
  void theDemoHasAComplaintWaitingForTriage() {
    assertThat(clues.all()).singleElement().satisfies(clue -> {
      assertThat(clue.status()).isEqualTo(Clue.REGISTERED);
      assertThat(clue.registeredBy()).isEqualTo(DemoClues.REGISTRAR);
      assertThat(tasks.createTaskQuery().processInstanceId(clue.processInstanceId())
          .taskDefinitionKey(ClueProcess.Element.TriageClue.name()).taskCandidateUser("jiwei").count())
          .isEqualTo(1);
    });
  }
}
