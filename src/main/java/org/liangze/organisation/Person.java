package org.liangze.organisation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone who works on the platform, holding one or more {@link Post posts} in one unit or several; synced into
 * Camunda's identity service as a user who is a member of each post's group. A person with no posts has left.
 */
public record Person(String userId, String name, String mobile, String email, List<Post> posts) {

  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  public Person {
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      throw new IllegalArgumentException("User id must be 1-64 letters or digits: " + userId);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Person " + userId + " needs a name");
    }
    // the same post twice is one post; the order stays as given
    posts = posts == null ? List.of() : List.copyOf(new LinkedHashSet<>(posts));
  }

  /** A person with one post. */
  public static Person of(String userId, String name, String unitCode, Role role, String email) {
    return new Person(userId, name, null, email, List.of(new Post(unitCode, role)));
  }

  /** The Camunda groups this person's posts make them a member of. */
  public Set<String> groupIds() {
    return posts.stream().map(Post::groupId).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The units this person holds a post in. */
  public Set<String> unitCodes() {
    return posts.stream().map(Post::unitCode).filter(code -> code != null)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The unit of the person's first unit post, if any (for a default where one unit is needed). */
  public Optional<String> firstUnitCode() {
    return unitCodes().stream().findFirst();
  }

  public boolean holds(Role role) {
    return posts.stream().anyMatch(post -> post.role() == role);
  }
}
