package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.liqopt.serving.state.ReloadStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathTextsTest {
  private final PathTexts texts = new PathTexts(Path.of("/srv/liqopt/data"), Path.of("/opt/m"));

  @Test
  void pathsUnderTheFolders_relative_othersTheirFileName() {
    assertEquals(
        "governor state state/governor.json is unreadable",
        texts.relative("governor state /srv/liqopt/data/state/governor.json is unreadable"));
    assertEquals(
        "m/b-1/manifest.json: checksum mismatch",
        texts.relative("/opt/m/b-1/manifest.json: checksum mismatch"));
    assertEquals("cannot read LATEST.", texts.relative("cannot read /var/other/LATEST."));
    assertEquals(
        "state/a.tmp -> state/governor.json: Is a directory",
        texts.relative(
            "/srv/liqopt/data/state/a.tmp -> /srv/liqopt/data/state/governor.json: Is a"
                + " directory"));
    assertEquals("'x.json' (folder .)", texts.relative("'/tmp/x.json' (folder /srv/liqopt/data)"));
  }

  @Test
  void textsWithoutAbsolutePaths_unchanged() {
    String text = "models/LATEST names no bundle; 1/2 of a/b, run 'liqopt train'";
    assertEquals(text, texts.relative(text));
    assertNull(texts.relative((String) null));
    assertEquals("a / b", texts.relative("a / b"));
  }

  @Test
  void reloadStatus_messageOnly() {
    ReloadStatus s = new ReloadStatus(5, "admin", "b-1", "refused", "bad /opt/m/b-1/x.bin");
    assertEquals(
        new ReloadStatus(5, "admin", "b-1", "refused", "bad m/b-1/x.bin"), texts.relative(s));
    assertNull(texts.relative((ReloadStatus) null));
  }
}
