package io.liqopt.serving.api;

import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.Position;
import io.liqopt.serving.state.Chunks;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ServingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compact answer of an assessment ({@code ?view=compact}), made chunk by chunk on several
 * threads ({@link Chunks}): the thread that assesses a chunk of positions also writes their items,
 * and the chunks' bytes are joined in order inside the envelope. The bytes are those Jackson writes
 * for {@link PositionResponses.CompactAssessResponse} of the whole batch.
 */
final class CompactAnswer {
  /** The bytes a compact item takes, about (135 for 10 000 positions, a fifth liquidatable). */
  static final long ITEM_BYTES = 160;

  /** Room for the chunks' own brackets beyond the answer's limit (two a chunk, a few chunks). */
  private static final long BRACKETS = 4_096;

  private CompactAnswer() {}

  /** One chunk's items as a JSON array ({@code [..]}), and how many of them failed. */
  private record Part(BoundedBytes array, int failed) {}

  /**
   * Assesses {@code positions} on snapshot {@code s} and writes the compact answer.
   *
   * @param maxBytes the largest answer
   * @throws BoundedBytes.Overflow when the answer would exceed {@code maxBytes}
   * @throws Deadline.Passed when the deadline passes
   */
  static byte[] of(
      ServingState s,
      ResolvedPolicy policy,
      List<Position> positions,
      Deadline deadline,
      long maxBytes) {
    // the chunks' bytes, brackets included, counted together: the work stops once they pass the
    // limit (with room for each chunk's two brackets, which the answer does not keep)
    AtomicLong written = new AtomicLong();
    long budget = maxBytes > Long.MAX_VALUE - BRACKETS ? Long.MAX_VALUE : maxBytes + BRACKETS;
    ServingState.Assessor assessor = s.assessor(policy);
    List<Part> parts =
        Chunks.map(
            positions.size(),
            (from, to) -> part(assessor.assess(positions, from, to, deadline), written, budget));
    int failed = 0;
    long items = 0;
    for (Part p : parts) {
      failed += p.failed();
      items += p.array().size() - 2;
    }
    byte[] head = envelope(s, positions.size() - failed, failed);
    long commas = parts.stream().filter(p -> p.array().size() > 2).count() - 1;
    long size = head.length + items + Math.max(0, commas) + 2;
    if (size > maxBytes || size > Integer.MAX_VALUE - 8) {
      throw new BoundedBytes.Overflow();
    }
    byte[] out = new byte[(int) size];
    System.arraycopy(head, 0, out, 0, head.length);
    int at = head.length;
    boolean first = true;
    for (Part p : parts) {
      int n = p.array().size() - 2;
      if (n == 0) {
        continue;
      }
      if (!first) {
        out[at++] = ',';
      }
      first = false;
      p.array().copyTo(1, n, out, at);
      at += n;
    }
    out[at++] = ']';
    out[at] = '}';
    return out;
  }

  private static Part part(List<AssessmentOutcome> outcomes, AtomicLong written, long budget) {
    List<PositionResponses.CompactOutcome> items = new ArrayList<>(outcomes.size());
    int failed = 0;
    for (AssessmentOutcome o : outcomes) {
      items.add(PositionResponses.CompactOutcome.of(o));
      failed += o.ok() ? 0 : 1;
    }
    BoundedBytes array = new BoundedBytes(written, budget, items.size() * ITEM_BYTES + 16);
    try {
      JsonBodies.MAPPER.writeValue(array, items);
    } catch (IOException | RuntimeException e) {
      if (BoundedBytes.overflowed(e)) {
        throw new BoundedBytes.Overflow();
      }
      throw new IllegalStateException("cannot write the compact items", e);
    }
    return new Part(array, failed);
  }

  /** The answer without its items: everything up to and including {@code "results":[}. */
  private static byte[] envelope(ServingState s, int assessed, int failed) {
    byte[] whole;
    try {
      whole =
          JsonBodies.MAPPER.writeValueAsBytes(
              new PositionResponses.CompactAssessResponse(
                  s.modelId(), s.mode(), s.nowMs(), assessed, failed, List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = whole.length;
    if (n < 3 || whole[n - 3] != '[' || whole[n - 2] != ']' || whole[n - 1] != '}') {
      throw new IllegalStateException("the compact answer's envelope does not end in its results");
    }
    byte[] head = new byte[n - 2];
    System.arraycopy(whole, 0, head, 0, head.length);
    return head;
  }
}
