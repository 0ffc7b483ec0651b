package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's authorization prefilter answers what Camunda's own does — the caller's groups that appear in any
 * authorization — for every person of the demo district, the administrator and groups without authorizations.
 */
@SpringBootTest
@ActiveProfiles("test")
// it seeds the demo district: the shared test context must stay empty for ProductionProfileTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuthorizedGroupsPluginTest {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired IdentityService identity;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theEngineUsesThePlatformsManager() {
    AuthorizationManager manager = engine.getCommandExecutorTxRequired()
        .execute(context -> context.getAuthorizationManager());
    assertThat(manager).isInstanceOf(AuthorizedGroupsPlugin.GroupFilteringAuthorizationManager.class);
  }

  @Test
  void everyonesGroupsAreFilteredAsCamundaFiltersThem() {
    List<String> everyAuthorizedGroup = jdbc.sql("select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION")
        .query(String.class).list();
    List<String> users = identity.createUserQuery().list().stream().map(user -> user.getId()).toList();
    assertThat(users).hasSizeGreaterThan(20);
    for (String user : users) {
      List<String> groups = new java.util.ArrayList<>(identity.createGroupQuery().groupMember(user).list().stream()
          .map(Group::getId).toList());
      groups.add("noSuchGroup");
      List<String> camunda = groups.stream().filter(everyAuthorizedGroup::contains).distinct().toList();
      List<String> filtered = engine.getCommandExecutorTxRequired().execute(context ->
          context.getAuthorizationManager().filterAuthenticatedGroupIds(groups));
      assertThat(filtered).as(user).containsExactlyInAnyOrderElementsOf(camunda);
    }
    List<String> none = engine.getCommandExecutorTxRequired().execute(context ->
        context.getAuthorizationManager().filterAuthenticatedGroupIds(List.of()));
    assertThat(none).isEmpty();
  }
}
