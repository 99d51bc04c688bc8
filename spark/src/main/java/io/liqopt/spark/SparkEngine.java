package io.liqopt.spark;

import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.distributed.TaskFunction;
import io.liqopt.training.walkforward.TaskRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark session for liqopt's jobs. Without a master it runs on {@code local[*]} in this JVM, with
 * no setup; under {@code spark-submit} the master and everything else come from there.
 */
public final class SparkEngine implements Engine {
  /** The master when neither {@code --master} nor {@code spark-submit} names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  private final JavaSparkContext sc;

  private SparkEngine(JavaSparkContext sc) {
    this.sc = sc;
  }

  /**
   * Starts a session on {@code master} (null: the one {@code spark-submit} set, else {@link
   * #DEFAULT_MASTER}). The web UI is off and a local session binds to the loopback address: a
   * command-line run opens no port to the network.
   */
  public static SparkEngine start(String master) {
    SparkConf conf = new SparkConf().setAppName("liqopt");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER);
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    // a run's forecasts come back through collect(): 8 assets x 5 years x 7 models are ~0.1 GB
    conf.setIfMissing("spark.driver.maxResultSize", "8g");
    // one PyTorch thread per task on the executors too (the driver's are bin/liqopt's)
    conf.setIfMissing(
        "spark.executor.extraJavaOptions",
        "-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
            + " -Dai.djl.offline=true");
    return new SparkEngine(new JavaSparkContext(conf));
  }

  @Override
  public String describe() {
    return "spark "
        + sc.version()
        + " on "
        + sc.master()
        + " ("
        + sc.defaultParallelism()
        + " task slots)";
  }

  @Override
  public TaskRunner walkForward(MarketSource market, ForecasterFactory forecasters) {
    return new SparkWalkForward(sc, market, forecasters);
  }

  @Override
  public <T extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(
      String job, java.util.List<T> inputs, TaskFunction<T, R> fn, Runnable done) {
    return SparkJobs.run(
        sc, job, inputs, input -> SparkJobs.pinned(() -> fn.apply(input)), t -> done.run());
  }

  @Override
  public void close() {
    sc.close();
    MarketSource.forgetReads(); // a local session's executor is this JVM
  }
}
