package io.liqopt.report;

/**
 * A colour of a chart series: red, green, blue and alpha (opacity), each in [0, 255]; alpha 255 is
 * opaque.
 */
public record Rgba(int red, int green, int blue, int alpha) {
  /** Opaque black. */
  public static final Rgba BLACK = of(0, 0, 0);

  /** Opaque pure red. */
  public static final Rgba RED = of(255, 0, 0);

  /** Checks every channel. */
  public Rgba {
    channel(red, "red");
    channel(green, "green");
    channel(blue, "blue");
    channel(alpha, "alpha");
  }

  /** An opaque colour. */
  public static Rgba of(int red, int green, int blue) {
    return new Rgba(red, green, blue, 255);
  }

  private static void channel(int value, String name) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException(name + " must be in [0, 255], was " + value);
    }
  }
}
