package io.liqopt.serving.state;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param bars bars stored
 * @param symbols symbols that received bars
 * @param stateVersion the snapshot version that includes them
 */
public record IngestResult(int bars, List<String> symbols, long stateVersion) {

  public IngestResult {
    symbols = List.copyOf(symbols);
  }
}
