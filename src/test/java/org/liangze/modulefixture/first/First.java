package org.liangze.modulefixture.first;

import org.liangze.modulefixture.second.Second;

/** Fixture of {@code ModuleBoundariesTest}: one half of a cycle between two modules. */
public class First {
  public Second second() {
    return new Second();
  }
}
