package io.liqopt.serving.api;

import io.liqopt.serving.book.BookSummary;
import io.liqopt.serving.book.LiveBook;
import java.util.ArrayList;
import java.util.List;

/** The bodies of the book's routes, and the check of a PUT ({@link BookRoutes}). */
final class BookRequests {
  /** The largest PUT body. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  /** The most collateral holdings of one position. */
  static final int MAX_COLLATERAL = 64;

  private BookRequests() {}

  /**
   * One collateral holding of a book position.
   *
   * @param symbol an asset the service holds
   * @param quantity units held, ≥ 0
   */
  public record HoldingIn(String symbol, Double quantity) {}

  /**
   * {@code PUT /v1/book/positions/{id}}.
   *
   * @param version above the version the book holds (≥ 0 for a new position)
   * @param collateral 1 to 64 holdings, each asset once
   * @param debtQuote the debt, quote currency, positive
   */
  public record PutRequest(Long version, List<HoldingIn> collateral, Double debtQuote) {}

  /**
   * What a PUT did.
   *
   * @param write CREATED or UPDATED
   * @param healthFactor HF = Σ C·P·LT / D now
   */
  public record PutResponse(
      String id, String write, long version, double healthFactor, boolean liquidatable) {}

  /** What a DELETE did: the version removed. */
  public record DeleteResponse(String id, long version, boolean removed) {}

  /**
   * One holding valued now.
   *
   * @param priceQuote the live guarded price, or the last bar's close without one
   * @param lt the liquidation threshold served, null while the asset has none
   */
  public record HoldingOut(String symbol, double quantity, double priceQuote, Double lt) {}

  /** {@code GET /v1/book/positions/{id}}. */
  public record PositionOut(
      String id,
      long version,
      double healthFactor,
      boolean liquidatable,
      double collateralQuote,
      double debtQuote,
      List<HoldingOut> collateral) {}

  /**
   * {@code GET /v1/book}.
   *
   * @param buckets debt and collateral by health factor, ascending (the last open above)
   * @param cliff the debt a further uniform fall of every collateral price makes liquidatable
   * @param lastSnapshotError the last failure of a background snapshot, null when it worked
   */
  public record BookResponse(
      int positions,
      int maxPositions,
      int liquidatable,
      double debtQuote,
      double collateralQuote,
      List<BookSummary.Bucket> buckets,
      List<BookSummary.Cliff> cliff,
      String lastSnapshotError) {
    static BookResponse of(LiveBook book) {
      BookSummary s = book.summary();
      return new BookResponse(
          s.positions(),
          book.maxPositions(),
          s.liquidatable(),
          s.debtQuote(),
          s.collateralQuote(),
          s.buckets(),
          s.cliff(),
          book.lastSnapshotError());
    }
  }

  /** A checked PUT. */
  static final class Put {
    private final long version;
    private final List<String> symbols;
    private final double[] quantities;
    private final double debtQuote;

    Put(long version, List<String> symbols, double[] quantities, double debtQuote) {
      this.version = version;
      this.symbols = List.copyOf(symbols);
      this.quantities = quantities.clone();
      this.debtQuote = debtQuote;
    }

    long version() {
      return version;
    }

    List<String> symbols() {
      return symbols;
    }

    double[] quantities() {
      return quantities.clone();
    }

    double debtQuote() {
      return debtQuote;
    }
  }

  /**
   * Checks a PUT body field by field (all errors at once, 400), then its assets: 404 naming those
   * the service does not hold, 503 for one without thresholds yet.
   */
  static Put put(PutRequest r, LiveBook book) {
    Fields f = new Fields();
    Long version = f.required(r.version(), "version");
    if (version != null && version < 0) {
      f.add("version", "must be ≥ 0, was " + version);
    }
    double debt = f.number(r.debtQuote(), "debtQuote", 0, Requests.MAX_AMOUNT);
    List<HoldingIn> in = f.list(r.collateral(), "collateral", MAX_COLLATERAL);
    List<String> symbols = new ArrayList<>(in.size());
    double[] quantities = new double[in.size()];
    for (int j = 0; j < in.size(); j++) {
      HoldingIn h = in.get(j);
      String at = "collateral[" + j + "]";
      if (h == null) {
        f.add(at, "missing");
        continue;
      }
      String symbol = f.required(h.symbol(), at, ".symbol");
      quantities[j] = f.nonNegative(h.quantity(), at, ".quantity", Requests.MAX_AMOUNT);
      if (symbol != null && symbols.contains(symbol)) {
        f.add(at + ".symbol", symbol + " is listed twice");
      }
      symbols.add(symbol);
    }
    f.check();
    List<String> unknown = BookRoutes.unknown(symbols, book);
    if (!unknown.isEmpty()) {
      throw ApiException.unknownSymbols(unknown);
    }
    for (String s : symbols) {
      if (!book.hasThreshold(s)) {
        throw ApiException.unavailable(
            s + " has no liquidation threshold yet: positions in it are refused until it has");
      }
    }
    return new Put(version, symbols, quantities, debt);
  }
}
