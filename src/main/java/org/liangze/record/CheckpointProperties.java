package org.liangze.record;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyFile the SM2 signing key (PEM, see {@link CheckpointKeyCli}); outside the database, never in it. Unset:
 *     no checkpoints can be made, existing ones are still verified
 * @param trustedKeyFile the public part of the installation's first key (PEM), the anchor the chain of keys is
 *     followed from; unset: the signing key's own public part is the anchor
 * @param generateMissingKey the demo only: generate a key at {@code keyFile} if there is none
 * @param cron when the timer process makes a checkpoint (Camunda cron), default 00:30 every day
 */
@ConfigurationProperties("liangze.record.checkpoint")
public record CheckpointProperties(Path keyFile, Path trustedKeyFile, boolean generateMissingKey, String cron) {
}
