package io.liqopt.cli;

import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.EngineProvider;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark} and {@code --master URL}: where a heavy job's tasks run. The Spark
 * engine lives in the {@code spark} module, outside the default class path; asking for it where it
 * is absent is a usage error.
 */
final class EngineOption {
  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      defaultValue = "local",
      description =
          "Where the tasks run: local (this JVM, one after the other) or spark (Apache Spark: "
              + "local[*] by default, a cluster with --master or spark-submit; needs the spark "
              + "module, see README \"Scaling out\"). Results are the same (default: "
              + "${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master with --engine spark: local[N], local[*], spark://HOST:PORT, yarn, "
              + "k8s://... (default: local[*], or spark-submit's).")
  String master;

  /**
   * The started engine, or null for {@code local}; says which on {@code out}.
   *
   * @throws UsageException for an unknown engine, {@code --master} without Spark, or Spark asked
   *     for where its module is not on the class path
   */
  Engine start(PrintWriter out) {
    validate();
    if (engine.equals("local")) {
      return null;
    }
    Engine e = provider().start(master);
    out.println("engine: " + e.describe());
    out.flush();
    return e;
  }

  /**
   * Checks the options before any work is done.
   *
   * @throws UsageException for an unknown engine, {@code --master} without Spark, or a master that
   *     is not a Spark master URL
   */
  void validate() {
    if (engine.equals("local")) {
      if (master != null) {
        throw new UsageException("--master is for --engine spark");
      }
      return;
    }
    if (!engine.equals("spark")) {
      throw new UsageException("--engine must be local or spark, was '" + engine + "'");
    }
    if (master != null
        && !master.matches("local(\\[(\\d+|\\*)(,\\d+)?\\])?|(spark|k8s|mesos)://\\S+|yarn")) {
      throw new UsageException(
          "--master must be local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL; was '"
              + master
              + "'");
    }
    provider();
  }

  /** The Spark engine's provider, as a usage error when the module is absent. */
  private static EngineProvider provider() {
    return EngineProvider.find("spark")
        .orElseThrow(
            () ->
                new UsageException(
                    "--engine spark: the spark module is not on the class path (bin/liqopt "
                        + "adds spark/target/lib when it was built: ./mvnw -B -DskipTests "
                        + "package)"));
  }
}
