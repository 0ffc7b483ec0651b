package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Units listed together are told apart by name, never by code: a name two units bear gets the parent's name. */
class UnitLabelsTest {

  @Test
  void aNameTwoUnitsBearCarriesTheParentsNameAndEveryOtherNameStandsAlone() {
    List<Unit> units = List.of(
        new Unit("T01", "东城街道", UnitType.SUBDISTRICT_OR_TOWN, null, true),
        new Unit("T02", "西城街道", UnitType.SUBDISTRICT_OR_TOWN, null, true),
        new Unit("T01V01", "新村", UnitType.VILLAGE_OR_COMMUNITY, "T01", true),
        new Unit("T02V01", "新村", UnitType.VILLAGE_OR_COMMUNITY, "T02", true),
        new Unit("T02V02", "花园社区", UnitType.VILLAGE_OR_COMMUNITY, "T02", false));
    assertThat(UnitChoices.labels(units))
        .containsEntry("T01", "东城街道")
        .containsEntry("T01V01", "新村（东城街道）")
        .containsEntry("T02V01", "新村（西城街道）")
        .as("a retired unit keeps its name").containsEntry("T02V02", "花园社区")
        .hasSize(5);
  }
}
