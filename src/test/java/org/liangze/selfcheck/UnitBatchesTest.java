package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a campaign's units are cut into batches, the collection of the model's batches ({@code UnitBatches}): each
 * unit in exactly one batch, in order, at most the configured number a batch, and no batch longer than a String
 * variable holds.
 */
class UnitBatchesTest {

  @Test
  void everyUnitIsInExactlyOneBatchInOrderAndNoBatchHoldsMoreThanItsSize() {
    List<String> units = IntStream.rangeClosed(1, 103).mapToObj(i -> "U%03d".formatted(i)).toList();
    List<String> batches = SelfCheckCampaigns.batches(units, 25);
    assertThat(batches).hasSize(5);
    assertThat(batches.get(0)).startsWith("U001,U002,").endsWith(",U025");
    assertThat(batches).extracting(batch -> SelfCheckCampaigns.split(batch).size())
        .containsExactly(25, 25, 25, 25, 3);
    assertThat(batches.stream().flatMap(batch -> SelfCheckCampaigns.split(batch).stream()))
        .containsExactlyElementsOf(units);
    assertThat(SelfCheckCampaigns.batches(units, 25)).as("the same units, the same batches").isEqualTo(batches);
    assertThat(SelfCheckCampaigns.batches(List.of(), 25)).isEmpty();
    assertThat(SelfCheckCampaigns.batches(List.of("D01"), 1)).containsExactly("D01");
  }

  @Test
  void aBatchIsCutBeforeItOutgrowsAStringVariable() {
    // unit codes are up to 32 characters: 200 of them would need 6,599 characters
    List<String> units = IntStream.rangeClosed(1, 200).mapToObj(i -> "%032d".formatted(i)).toList();
    List<String> batches = SelfCheckCampaigns.batches(units, 200);
    assertThat(batches).hasSize(2).allSatisfy(batch -> assertThat(batch.length())
        .isLessThanOrEqualTo(SelfCheckCampaigns.MAX_BATCH_CHARS));
    assertThat(batches.stream().flatMap(batch -> SelfCheckCampaigns.split(batch).stream()))
        .containsExactlyElementsOf(units);
  }

  @Test
  void aCodeThatCannotBeJoinedIsRefused() {
    assertThatThrownBy(() -> SelfCheckCampaigns.batches(List.of("D01", "D,02"), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SelfCheckCampaigns.split("")).isEmpty();
  }
}
