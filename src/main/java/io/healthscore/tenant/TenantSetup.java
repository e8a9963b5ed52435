package io.healthscore.tenant;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.Scorecards;
import io.healthscore.security.ApiKeyView;
import io.healthscore.security.ApiKeys;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tenants and their first admin keys. On first start the operator's tenant gets an admin key: the
 * configured one, or else a generated one printed once in the log.
 */
@ApplicationScoped
public class TenantSetup {

  private static final Logger LOG = Logger.getLogger(TenantSetup.class);
  private static final List<String> ADMIN = List.of(Scope.ADMIN.id());
  private static final String INSERT =
      """
      insert into tenant (tenant_id, name) values (?, ?)
      on conflict (tenant_id) do nothing
      returning created_at
      """;

  private final Transactions transactions;
  private final ApiKeys keys;
  private final Scorecards scorecards;
  private final Optional<String> bootstrapKey;
  private final Optional<Path> keyFile;

  public TenantSetup(
      Transactions transactions, ApiKeys keys, Scorecards scorecards, BootstrapConfig config) {
    this.keyFile = config.keyFile();
    this.transactions = transactions;
    this.keys = keys;
    this.scorecards = scorecards;
    this.bootstrapKey = config.adminKey();
  }

  void bootstrap(@Observes @Priority(10) StartupEvent started) throws SQLException {
    ApiKeyView generated =
        transactions.inTenant(
            Tenants.OPERATOR,
            c -> {
              // Instances starting together on an empty database: one of them creates the key.
              try (PreparedStatement lock =
                  c.prepareStatement(
                      "select pg_advisory_xact_lock(hashtext('healthscore.bootstrap'))")) {
                lock.execute();
              }
              if (bootstrapKey.isPresent()) {
                if (!exists(
                    c,
                    "select 1 from api_key where tenant_id = ? and key_hash = decode(?, 'hex')",
                    ApiKeys.hex(bootstrapKey.get()))) {
                  keys.insert(
                      c,
                      Tenants.OPERATOR,
                      "bootstrap admin key (configured)",
                      ADMIN,
                      null,
                      bootstrapKey.get());
                  LOG.info(
                      "Bootstrap admin key from configuration stored for the operator's tenant");
                }
                return null;
              }
              if (exists(c, "select 1 from api_key where tenant_id = ?", null)) {
                return null;
              }
              return keys.insert(
                  c, Tenants.OPERATOR, "bootstrap admin key", ADMIN, null, ApiKeys.newSecret());
            });
    if (generated != null) {
      // Printed once, on the first start: the only place this key is ever shown (and, on a
      // local machine with the embedded database, the owner-only file beside the data).
      LOG.warnf(
          "Bootstrap admin API key for tenant '%s' (shown once, store it now; send it as "
              + "'Authorization: Bearer <key>'): %s",
          Tenants.OPERATOR, generated.key());
      keyFile.ifPresent(file -> save(file, generated.key()));
    }
  }

  private static void save(Path file, String key) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + System.lineSeparator());
      LOG.infof("Bootstrap admin API key also saved to %s", file);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warnf("Bootstrap admin API key not saved to %s: %s", file, e.toString());
    }
  }

  private static boolean exists(Connection c, String sql, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, Tenants.OPERATOR);
      if (hash != null) {
        ps.setString(2, hash);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Creates a tenant with the default scorecard and a first admin key (shown once). */
  public TenantView create(NewTenant tenant) throws SQLException {
    return transactions.inTenant(
        tenant.id(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, tenant.id());
            ps.setString(2, tenant.name());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw ApiProblem.conflict("Tenant " + tenant.id() + " exists");
              }
              scorecards.seed(c, tenant.id());
              ApiKeyView admin =
                  keys.insert(c, tenant.id(), "first admin key", ADMIN, null, ApiKeys.newSecret());
              return new TenantView(
                  tenant.id(), tenant.name(), rs.getTimestamp(1).toInstant(), admin);
            }
          }
        });
  }

  /** Every tenant (for the operator): a SECURITY DEFINER function reads across tenants. */
  public List<TenantView> list() throws SQLException {
    return transactions.withoutTenant(
        c -> {
          List<TenantView> tenants = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("select * from healthscore_tenants()");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              tenants.add(
                  new TenantView(
                      rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), null));
            }
          }
          return tenants;
        });
  }
}
