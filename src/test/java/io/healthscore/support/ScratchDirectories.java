package io.healthscore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/** Throw-away data directories of test databases: each holds 150 MB or more once used. */
public final class ScratchDirectories {

  private ScratchDirectories() {}

  public static void delete(Path directory) {
    try {
      PathUtils.deleteDirectory(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
