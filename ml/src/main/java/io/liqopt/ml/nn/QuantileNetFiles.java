package io.liqopt.ml.nn;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The saved form of a {@link QuantileNet}: a folder with {@value QuantileNet#PARAMS_FILE} (DJL
 * block parameters) and {@value QuantileNet#SPEC_FILE} (a {@link QuantileNetSpec}). Kept apart from
 * the network's maths so that the file format, its atomic replacement and the checks made when
 * reading it back (lengths, architecture, probe outputs) sit in one place.
 */
final class QuantileNetFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private QuantileNetFiles() {}

  /**
   * Writes both files into {@code target} (absolute, normalised): into a fresh sibling temporary
   * folder which is then renamed; an existing {@code target} is first renamed aside and deleted
   * after the swap.
   */
  static void write(Path target, byte[] parameters, QuantileNetSpec spec) throws IOException {
    Path parent = target.getParent();
    Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    try {
      Files.write(temp.resolve(QuantileNet.PARAMS_FILE), parameters);
      JSON.writeValue(temp.resolve(QuantileNet.SPEC_FILE).toFile(), spec);
      if (Files.exists(target)) {
        Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.deleteTree(old);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      if (Files.exists(temp)) {
        AtomicFiles.deleteTree(temp);
      }
    }
  }

  /**
   * Reads the description of a saved folder, refusing missing files, invalid JSON, other feature
   * names than {@code expected} and a parameter file of another length than the recorded one.
   */
  static QuantileNetSpec readSpec(Path dir, List<String> expected) throws IOException {
    Path specFile = dir.resolve(QuantileNet.SPEC_FILE);
    Path paramsFile = dir.resolve(QuantileNet.PARAMS_FILE);
    if (!Files.isRegularFile(specFile)) {
      throw new IOException("no " + QuantileNet.SPEC_FILE + " in " + dir);
    }
    if (!Files.isRegularFile(paramsFile)) {
      throw new IOException("no " + QuantileNet.PARAMS_FILE + " in " + dir);
    }
    QuantileNetSpec spec;
    try {
      spec = JSON.readValue(specFile.toFile(), QuantileNetSpec.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          specFile + " is not a valid QuantileNet description: " + e.getOriginalMessage(), e);
    }
    if (!spec.featureNames().equals(expected)) {
      throw new IOException(
          "feature names differ: "
              + dir
              + " was trained on "
              + spec.featureNames()
              + " but the caller supplies "
              + expected);
    }
    long size = Files.size(paramsFile);
    if (size != spec.paramsBytes()) {
      throw new IOException(
          paramsFile
              + " has "
              + size
              + " bytes but "
              + QuantileNet.SPEC_FILE
              + " records "
              + spec.paramsBytes()
              + " (truncated or overwritten)");
    }
    return spec;
  }

  /** The network of the saved parameters, in the architecture {@code spec} records. */
  static QuantileNetwork readNetwork(Path dir, QuantileNetSpec spec) throws IOException {
    Path paramsFile = dir.resolve(QuantileNet.PARAMS_FILE);
    byte[] parameters = Files.readAllBytes(paramsFile);
    try {
      return QuantileNetwork.withParameters(
          spec.featureNames().size(),
          spec.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(),
          spec.levels().size(),
          parameters);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      throw new IOException(
          paramsFile
              + " is corrupt or does not match the architecture in "
              + QuantileNet.SPEC_FILE
              + " (hidden "
              + spec.hiddenSizes()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Refuses parameters that parse but are not the saved ones: the probe outputs must match the
   * recorded ones within {@link QuantileNet#PROBE_TOLERANCE}.
   */
  static void checkProbes(QuantileNetwork network, QuantileNetSpec spec, Path paramsFile)
      throws IOException {
    double[] probes = probeOutputs(network);
    double[] saved = QuantileNetSpec.unboxed(spec.probeOutputs());
    for (int i = 0; i < probes.length; i++) {
      if (!(Math.abs(probes[i] - saved[i])
          <= QuantileNet.PROBE_TOLERANCE * Math.max(1.0, Math.abs(saved[i])))) {
        throw new IOException(
            paramsFile
                + " is corrupt: probe output "
                + i
                + " is "
                + probes[i]
                + ", saved "
                + saved[i]);
      }
    }
  }

  /**
   * Scaled outputs for {@link QuantileNet#PROBE_ROWS} fixed standardised inputs: all zeros (the
   * training mean), all +1 and alternating ±1.
   */
  static double[] probeOutputs(QuantileNetwork network) {
    int width = network.inputSize();
    float[] inputs = new float[QuantileNet.PROBE_ROWS * width];
    for (int j = 0; j < width; j++) {
      inputs[width + j] = 1f;
      inputs[2 * width + j] = j % 2 == 0 ? 1f : -1f;
    }
    float[] out = network.forward(inputs, QuantileNet.PROBE_ROWS);
    double[] probes = new double[out.length];
    for (int i = 0; i < out.length; i++) {
      probes[i] = out[i];
    }
    return probes;
  }
}
