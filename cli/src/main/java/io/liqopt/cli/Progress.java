package io.liqopt.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long job on stderr: a live bar on a terminal, or a line at 50 % and 100 % when the
 * output is captured (CI logs), so logs stay readable.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream err;
  private final String task;
  private final long total;
  private long done;
  private int lastDecile = -1;
  private boolean closed;

  private Progress(String task, long total, PrintStream err) {
    this.task = task;
    this.total = total;
    this.err = err;
    this.bar =
        System.console() != null
            ? new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .build()
            : null;
  }

  static Progress start(String task, long total) {
    return new Progress(task, total, System.err);
  }

  /** Sets the amount done so far. */
  synchronized void stepTo(long n) {
    done = n;
    if (bar != null) {
      bar.stepTo(n);
      return;
    }
    int decile = total <= 0 ? 10 : (int) (10 * n / total);
    if (decile != lastDecile && decile > 0 && (decile % 5 == 0 || decile == 10)) {
      lastDecile = decile;
      err.printf("%s: %d/%d (%d%%)%n", task, n, total, decile * 10);
    }
  }

  synchronized void step() {
    stepTo(done + 1);
  }

  /** {@code n} more steps done. */
  synchronized void stepBy(long n) {
    stepTo(done + n);
  }

  /** Extra text shown beside the bar (terminal only). */
  synchronized void extra(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
    }
  }

  /**
   * A step worth telling in a log too (a model fit of a long job): beside the bar on a terminal, a
   * line of its own otherwise.
   */
  synchronized void note(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
    } else {
      err.printf("%s: %s%n", task, message);
    }
  }

  /** Ends the bar; closing again does nothing, so a job may end it early from a callback. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (bar != null) {
      bar.close();
    }
  }
}
