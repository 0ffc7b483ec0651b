package org.liangze.organisation;

import java.util.List;

/**
 * Implemented by each feature that needs authorizations beyond the role baseline (for example the right to
 * start its process); {@link IdentitySync} applies them all at start-up.
 */
public interface GrantSource {

  List<Grant> grants();
}
