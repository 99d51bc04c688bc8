package io.liqopt.spark;

import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.EngineProvider;

/** {@code --engine spark}. */
public final class SparkEngineProvider implements EngineProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Engine start(String master) {
    return SparkEngine.start(master);
  }
}
