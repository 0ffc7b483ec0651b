package org.liangze.lists;

public enum ListStatus {
  DRAFT,
  SUBMITTED,
  PUBLISHED,
  SUPERSEDED
}
