package org.liangze.talk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Talks over HTTP, as the commission's tools and a unit's browser reach them: who may start and read what. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TalkApiTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void passwords(DynamicPropertyRegistry registry) {
    // people get this password when first created, as the demo profile does
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theCommissionStartsTalksAndTheUnitAndSupervisorsReadThem() throws IOException {
    ResponseEntity<String> started = as("jiwei").postForEntity("/api/talks",
        Map.of("unitCode", "T01", "kind", "INTEGRITY_TALK", "subjectUserId", "t01staff", "cause", "新任职廉政谈话"),
        String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = json.readTree(started.getBody()).get("talkId").asLong();
    assertThat(started.getHeaders().getLocation()).hasPath("/api/talks/" + id);

    assertThat(as("t01sec").postForEntity("/api/talks", Map.of("unitCode", "T01", "kind", "INTEGRITY_TALK",
        "cause", "自己约谈自己"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> bad = as("jiwei").postForEntity("/api/talks", Map.of("unitCode", "T01", "kind", "CHAT",
        "cause", "闲聊"), String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("谈话类型");

    JsonNode own = json.readTree(as("t01sec").getForObject("/api/units/T01/talks", String.class));
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("kindLabel").asText()).isEqualTo("廉政谈话");
    assertThat(own.get(0).get("status").asText()).isEqualTo("SCHEDULING");
    assertThat(as("jiwei2").getForEntity("/api/talks/" + id, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("d02sec").getForEntity("/api/units/T01/talks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d02sec").getForEntity("/api/talks/" + id, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/units/T01/talks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
