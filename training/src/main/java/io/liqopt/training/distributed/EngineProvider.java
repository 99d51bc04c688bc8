package io.liqopt.training.distributed;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A distributed engine that can be started by name ({@code --engine spark}); found on the class
 * path with {@link ServiceLoader}, so that the command line runs without any.
 */
public interface EngineProvider {

  /** The name given to {@code --engine}. */
  String name();

  /**
   * Starts a session.
   *
   * @param master where to run ({@code local[*]}, {@code local[2]}, a cluster's URL), null for the
   *     engine's default
   */
  Engine start(String master);

  /** The provider named {@code name}, if one is on the class path. */
  static Optional<EngineProvider> find(String name) {
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
