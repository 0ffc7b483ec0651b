package org.liangze.record;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lateEntryDays an entry recorded more than this many days after it happened needs a stated reason
 * @param burstSize this many back-dated entries ...
 * @param burstWindowDays ... recorded within this many days make a burst, flagged (the pattern of a manual filled in
 *     just before a check)
 */
@ConfigurationProperties("liangze.record")
public record RecordProperties(
    @DefaultValue("7") int lateEntryDays,
    @DefaultValue("5") int burstSize,
    @DefaultValue("3") int burstWindowDays) {
}
