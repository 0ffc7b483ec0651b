package org.liangze.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation ladder's steps, measured from a task's due date.
 *
 * @param remindBefore a reminder goes out this long before the due date (blue)
 * @param summonsAfter this long after the due date a problem summons is requested (red; yellow before it)
 * @param accountabilityAfter this long after the due date an accountability case is requested
 */
@ConfigurationProperties("liangze.escalation")
public record EscalationProperties(
    @DefaultValue("P2D") Duration remindBefore,
    @DefaultValue("P5D") Duration summonsAfter,
    @DefaultValue("P15D") Duration accountabilityAfter) {
}
