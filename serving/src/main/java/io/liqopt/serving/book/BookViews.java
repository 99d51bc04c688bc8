package io.liqopt.serving.book;

import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionBook;
import java.util.List;

/** What {@link LiveBook} answers. */
public final class BookViews {
  /** The quote currency the book's debts are in (its positions' debt asset). */
  public static final String DEBT_ASSET = "USD";

  private BookViews() {}

  /**
   * What a PUT did.
   *
   * @param write CREATED, UPDATED or STALE_VERSION (nothing written)
   * @param version the version the book holds now
   */
  public record Written(
      PositionBook.Write write, long version, double healthFactor, boolean liquidatable) {}

  /** One holding of a position, valued now. */
  public record Holding(String symbol, double quantity, double priceQuote, double lt) {}

  /** One position now. */
  public record View(
      String id,
      long version,
      double healthFactor,
      boolean liquidatable,
      double collateralQuote,
      double debtQuote,
      List<Holding> collateral) {
    public View {
      collateral = List.copyOf(collateral);
    }
  }

  /**
   * The liquidatable positions, valued at the book's prices.
   *
   * @param total how many are liquidatable in all
   * @param positions as many of them as asked for, in the book's order
   */
  public record Liquidatable(int total, List<Position> positions) {
    public Liquidatable {
      positions = List.copyOf(positions);
    }
  }
}
