package io.liqopt.core.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link PortfolioStress} whose simulated paths are evaluated in blocks of chunks of the path
 * engine's draws, anywhere (tasks of a cluster, say): each block draws its own chunks from their
 * own splits of the seed, so the blocks together are the paths of one run, and the stress is the
 * same, bit for bit.
 */
public final class PortfolioBlocks {
  private PortfolioBlocks() {}

  /**
   * A block of a stress's simulated paths, the chunks {@code fromChunk..toChunk − 1} of its draws
   * ({@link PathEngine#simulateLows(Residuals, double[], int, int, int, long, int, int,
   * PathEngine.LowsSink)}), with all it needs to be evaluated anywhere.
   *
   * @param sigma the hourly volatility of each asset of the residuals, in their order
   */
  public record Block(
      List<PortfolioStress.Holding> holdings,
      double debtQuote,
      Residuals residuals,
      double[] sigma,
      PortfolioStress.Design design,
      int fromChunk,
      int toChunk)
      implements java.io.Serializable {
    public Block {
      holdings = List.copyOf(holdings);
    }

    /** Its paths' {lowest health factor, shortfall}, in path order. */
    public double[][] evaluate() {
      int[] idx = PortfolioStress.indexes(holdings, residuals.symbols());
      int first = fromChunk * PathEngine.CHUNK;
      int n = Math.min(design.paths(), toChunk * PathEngine.CHUNK) - first;
      double[] minHf = new double[n];
      double[] shortfall = new double[n];
      PathEngine.simulateLows(
          residuals,
          sigma,
          design.paths(),
          design.hours(),
          design.blockHours(),
          design.seed(),
          fromChunk,
          toChunk,
          (p, lows) ->
              PortfolioStress.evaluatePath(
                  holdings, idx, debtQuote, lows, design.hours(), minHf, shortfall, p - first));
      return new double[][] {minHf, shortfall};
    }
  }

  /** Where the blocks of a stress are evaluated: each block's {@link Block#evaluate}, in order. */
  @FunctionalInterface
  public interface BlockEvaluator {
    List<double[][]> evaluate(List<Block> blocks);
  }

  /**
   * As {@link PortfolioStress#runLean}, the same result, its simulated paths cut into blocks of
   * {@code blockChunks} chunks that {@code evaluator} evaluates (in tasks of a cluster, say).
   * {@link PortfolioStress.Run#simulated} holds the first chunk's paths only, a sample for charts.
   */
  public static PortfolioStress.Run run(
      List<PortfolioStress.Holding> holdings,
      double debtQuote,
      Residuals residuals,
      Map<String, Double> hourlyVolatility,
      PortfolioStress.Design design,
      double[] levels,
      int blockChunks,
      BlockEvaluator evaluator) {
    if (!(debtQuote > 0)) {
      throw new IllegalArgumentException("debt must be positive");
    }
    double[] sigma = PortfolioStress.sigmas(residuals, hourlyVolatility);
    PortfolioStress.indexes(holdings, residuals.symbols());
    int chunks = PathEngine.chunks(design.paths());
    List<Block> blocks = new ArrayList<>();
    for (int c = 0; c < chunks; c += blockChunks) {
      blocks.add(
          new Block(
              holdings, debtQuote, residuals, sigma, design, c, Math.min(chunks, c + blockChunks)));
    }
    double[] minHf = new double[design.paths()];
    double[] shortfall = new double[design.paths()];
    int at = 0;
    for (double[][] b : evaluator.evaluate(blocks)) {
      System.arraycopy(b[0], 0, minHf, at, b[0].length);
      System.arraycopy(b[1], 0, shortfall, at, b[1].length);
      at += b[0].length;
    }
    if (at != design.paths()) {
      throw new IllegalStateException("the blocks held " + at + " of " + design.paths() + " paths");
    }
    Paths sample =
        PathEngine.simulate(
            residuals,
            sigma,
            Math.min(design.paths(), PathEngine.CHUNK),
            design.hours(),
            design.blockHours(),
            design.seed());
    Paths historical = PathEngine.replay(residuals, design.hours(), design.replayStrideHours());
    return new PortfolioStress.Run(
        PortfolioStress.summarise(holdings, debtQuote, minHf, shortfall, historical, levels),
        sample,
        historical);
  }
}
