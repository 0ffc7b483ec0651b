package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request mapping of the application against the access matrix of {@link ApiAccessPolicy}: each mapping under
 * {@code /api} and {@code /pages} has exactly one line, every line a mapping, and nothing is mapped outside those two
 * doors (everything else is left open for Camunda's own login). Whether the declared lines hold for real callers is
 * {@code SecurityIntegrationTest.everyMappingAdmitsExactlyWhomItsPolicyNames}.
 */
@SpringBootTest
@ActiveProfiles("test")
class ApiAccessPolicyTest {

  /** Mappings of the application outside /api and /pages, on purpose. */
  static final Set<String> OUTSIDE = Set.of("/error");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** "GET /api/units/{unitCode}/record" for every method and pattern of every mapping. */
  private Set<String> mapped() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<String> methods = new TreeSet<>();
      info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
      if (methods.isEmpty()) {
        methods.add("ANY");
      }
      for (String pattern : info.getPatternValues()) {
        methods.forEach(method -> mapped.add(method + " " + pattern));
      }
    }
    return mapped;
  }

  @Test
  void everyMappingOfTheApiAndThePagesHasALineInTheAccessMatrix() {
    Set<String> declared = new TreeSet<>();
    ApiAccessPolicy.rules().forEach(rule -> declared.add(rule.method().name() + " " + rule.pattern().getPatternString()));
    List<String> undeclared = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (String mapping : mapped()) {
      String pattern = mapping.substring(mapping.indexOf(' ') + 1);
      if (pattern.startsWith("/api/") || pattern.equals("/api") || pattern.startsWith("/pages/")) {
        if (!declared.contains(mapping)) {
          undeclared.add(mapping);
        }
      } else if (!OUTSIDE.contains(pattern)) {
        outside.add(mapping);
      }
    }
    assertThat(undeclared).as("mappings without a line in ApiAccessPolicy.RULES (add one: who may call it?)")
        .isEmpty();
    assertThat(outside).as("mappings outside /api and /pages, where no login is asked").isEmpty();
    assertThat(declared).as("lines of ApiAccessPolicy.RULES without a mapping").isSubsetOf(mapped());
    assertThat(ApiAccessPolicy.rules()).as("one line per mapping").hasSameSizeAs(declared);
  }

  @Test
  void aRequestNoLineMatchesIsRefused() {
    Official admin = Official.of("admin", List.of(Groups.ADMINISTRATORS));
    assertThat(ApiAccessPolicy.decide(admin, request("GET", "/api/units"))).isTrue();
    assertThat(ApiAccessPolicy.decide(admin, request("HEAD", "/api/units"))).as("HEAD is GET").isTrue();
    assertThat(ApiAccessPolicy.decide(admin, request("GET", "/api/no-such-thing"))).isFalse();
    assertThat(ApiAccessPolicy.decide(admin, request("DELETE", "/api/units"))).isFalse();
    assertThat(ApiAccessPolicy.decide(admin, request("GET", "/api/units/"))).as("no trailing slash").isFalse();
  }

  @Test
  void aUnitPathAdmitsThatUnitsPeopleAndWriteOnlyThem() {
    Official d01 = Official.of("d01staff", List.of(Groups.of(Role.STAFF, "D01")));
    Official commission = Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    assertThat(ApiAccessPolicy.decide(d01, request("GET", "/api/units/D01/record"))).isTrue();
    assertThat(ApiAccessPolicy.decide(d01, request("GET", "/api/units/T01/record"))).isFalse();
    assertThat(ApiAccessPolicy.decide(d01, request("POST", "/api/units/D01/record"))).isTrue();
    assertThat(ApiAccessPolicy.decide(commission, request("GET", "/api/units/T01/record"))).isTrue();
    assertThat(ApiAccessPolicy.decide(commission, request("POST", "/api/units/T01/record"))).isFalse();
    // the most specific line decides, not the first that matches
    assertThat(ApiAccessPolicy.ruleFor(HttpMethod.GET, org.springframework.http.server.PathContainer
        .parsePath("/api/units/D01/record/flags")).orElseThrow().rule().pattern().getPatternString())
        .isEqualTo("/api/units/{unitCode}/record/flags");
  }

  private static MockHttpServletRequest request(String method, String path) {
    return new MockHttpServletRequest(method, path);
  }
}
