package org.liangze.lists;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the automatic list quality checks.
 *
 * @param similarityThreshold a draft at least this similar (0–1, character-bigram cosine) to another unit's
 *     tailored list of the same year is flagged as copied (照搬照抄)
 * @param maxItems a tailored list with more items than this is flagged as stuffed (贪大求全)
 */
@ConfigurationProperties("liangze.lists")
public record ListQualityProperties(
    @DefaultValue("0.6") double similarityThreshold,
    @DefaultValue("15") int maxItems) {

  public ListQualityProperties {
    if (similarityThreshold <= 0 || similarityThreshold > 1) {
      throw new IllegalArgumentException("liangze.lists.similarity-threshold must be in (0, 1]");
    }
    if (maxItems < 1) {
      throw new IllegalArgumentException("liangze.lists.max-items must be at least 1");
    }
  }
}
