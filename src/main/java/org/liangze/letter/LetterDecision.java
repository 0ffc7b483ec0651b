package org.liangze.letter;

/** What a unit secretary does with the letter in front of them. */
public enum LetterDecision {
  SIGN,
  OBJECT
}
