package org.liangze.modulefixture.second;

import org.liangze.modulefixture.first.First;

/** Fixture of {@code ModuleBoundariesTest}: the other half of the cycle. */
public class Second {
  public First first() {
    return new First();
  }
}
