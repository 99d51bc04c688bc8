package io.liqopt.cli;

import io.liqopt.ml.BundleCatalog;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liqopt models list|verify}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List or verify the model bundles.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.VerifyCommand.class})
final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new UsageException("missing subcommand: list or verify");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The bundles, newest first, with their training data and pooled metrics.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin ModelsDirOption models;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      BundleStore store = models.store();
      List<BundleCatalog.Listed> bundles = BundleCatalog.list(store);
      if (bundles.isEmpty()) {
        out.println("no bundles in " + store.root() + "; run 'liqopt train'");
        return 0;
      }
      for (BundleCatalog.Listed b : bundles) {
        BundleManifest m = b.manifest();
        if (m == null) {
          out.printf("%s  unreadable: %s%n", b.id(), b.error());
          continue;
        }
        out.printf(
            "%s%s  created %s  %d assets, bars %s .. %s  data %s  metrics %s%n",
            b.id(),
            b.latest() ? " (LATEST)" : "",
            m.createdUtc(),
            m.data().symbols().size(),
            Instant.ofEpochMilli(m.data().fromEpochMs()),
            Instant.ofEpochMilli(m.data().toEpochMs()),
            m.data().contentSha256().substring(0, 12),
            m.metrics().isEmpty() ? "not evaluated" : m.metrics().pooled());
      }
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Verify a bundle (default: LATEST) the way the service will: manifest, "
              + "checksums of every file, feature schema, and loading every model. Exit 1 with the "
              + "reason when it is refused.")
  static final class VerifyCommand implements Callable<Integer> {
    @Mixin ModelsDirOption models;

    @Parameters(arity = "0..1", paramLabel = "BUNDLE", description = "Bundle id (default: LATEST).")
    String bundle;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      BundleCatalog.Verified v = BundleCatalog.verify(models.store(), bundle);
      out.printf(
          "%s: ok (%d files, schema %s, %d input columns, %s; loaded in %.0f ms)%n",
          v.id(),
          v.manifest().files().size(),
          v.manifest().featureSchemaVersion(),
          v.inputColumns(),
          v.modelVersion(),
          v.elapsedMillis());
      return 0;
    }
  }
}
