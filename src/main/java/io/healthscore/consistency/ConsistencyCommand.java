package io.healthscore.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.healthscore.common.EmbeddedDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.function.BinaryOperator;

/**
 * {@code java -jar quarkus-run.jar check-consistency}: the consistency check across every tenant,
 * without starting the service. It connects as the schema owner (QUARKUS_FLYWAY_USERNAME, else the
 * datasource user), which row-level security does not limit to one tenant; without a datasource URL
 * it opens the embedded database's data directory (the service must be stopped then). Prints the
 * report as JSON; exits 0 when consistent, 1 when not, 2 when it could not check.
 */
public final class ConsistencyCommand {

  public static final String NAME = "check-consistency";

  private ConsistencyCommand() {}

  /**
   * @param setting a configuration property by name, else the fallback given
   * @param embeddedData the embedded database's data directory, used when no URL is configured
   */
  public static int run(
      BinaryOperator<String> setting, Path embeddedData, PrintStream out, PrintStream err) {
    Duration stallAfter =
        Duration.parse(setting.apply("healthscore.consistency.stall-after", "PT5M"));
    String url = setting.apply("quarkus.datasource.jdbc.url", null);
    String user =
        setting.apply(
            "quarkus.flyway.username", setting.apply("quarkus.datasource.username", null));
    String password =
        setting.apply("quarkus.flyway.password", setting.apply("quarkus.datasource.password", ""));
    EmbeddedDatabase embedded = null;
    try {
      if (url == null) {
        if (!Files.isDirectory(embeddedData)) {
          err.println("No QUARKUS_DATASOURCE_JDBC_URL and no embedded data in " + embeddedData);
          return 2;
        }
        embedded = EmbeddedDatabase.start(embeddedData, 0, true);
        url = embedded.jdbcUrl();
        user = EmbeddedDatabase.OWNER;
      }
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        ConsistencyCheck.Report report = ConsistencyCheck.run(c, stallAfter);
        out.println(
            new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(report));
        return report.consistent() ? 0 : 1;
      }
    } catch (Exception e) {
      err.println("Consistency check failed to run: " + e);
      return 2;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
