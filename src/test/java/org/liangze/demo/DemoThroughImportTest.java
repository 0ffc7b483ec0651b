package org.liangze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.UnitRepository;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo profile starts as before — its units, its people and their password {@code demo} — with the district
 * loaded through the organisation import (kept in the import history like a district's own import).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "liangze.demo.start-campaigns=false")
@ActiveProfiles({"test", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoThroughImportTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired UnitRepository units;
  @Autowired PersonRepository people;

  @Test
  void theDemoDistrictComesThroughTheImportWithItsLoginsAndPassword() throws Exception {
    assertThat(units.findAllActive()).extracting(unit -> unit.code())
        .contains("D01", "D01S01", "T01", "T01S01", "T01V01", "T02V01", "A01");
    assertThat(people.find("d01sec")).isPresent();
    URI base = URI.create("http://localhost:" + port);
    assertThat(WebClient.basic("GET", base.resolve("/api/me"), "d01sec", "demo", null).statusCode()).isEqualTo(200);
    assertThat(WebClient.basic("GET", base.resolve("/api/me"), "quwei", "demo", null).statusCode()).isEqualTo(200);
    String history = WebClient.basic("GET", base.resolve("/api/organisation/imports"), "admin", "demo", null).body();
    assertThat(history).contains("\"importedBy\":\"demo\"", "demo/district.json", "\"applied\":true");
  }
}
