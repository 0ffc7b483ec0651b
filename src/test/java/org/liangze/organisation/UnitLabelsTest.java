package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Units listed together are told apart by name, never by code: a name two units bear gets the parent's name. */
class UnitLabelsTest {

  @Test
  void aNameTwoUnitsBearCarriesTheParentsNameAndEveryOtherNameStandsAlone() {
    List<UnitRepository.UnitName> units = List.of(
        new UnitRepository.UnitName("T01", "东城街道", null),
        new UnitRepository.UnitName("T02", "西城街道", null),
        new UnitRepository.UnitName("T01V01", "新村", "T01"),
        new UnitRepository.UnitName("T02V01", "新村", "T02"),
        new UnitRepository.UnitName("T02V02", "花园社区", "T02"));
    assertThat(UnitChoices.labels(units))
        .containsEntry("T01", "东城街道")
        .containsEntry("T01V01", "新村（东城街道）")
        .containsEntry("T02V01", "新村（西城街道）")
        .containsEntry("T02V02", "花园社区")
        .hasSize(5);
  }
}
