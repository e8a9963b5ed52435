package io.healthscore.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: random 256-bit secrets, stored as SHA-256 hashes (a fast hash is enough for secrets
 * this long: there is nothing to guess). Valid keys are remembered for a short while, so most
 * requests authenticate without the database; a revocation is seen at once on the instance that
 * made it and within that while on the others.
 */
@ApplicationScoped
public class ApiKeys {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ApiKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String AUTHENTICATE = "select * from healthscore_authenticate(?)";
  private static final String INSERT =
      """
      insert into api_key (tenant_id, key_id, name, prefix, key_hash, scopes, rate_limit)
      values (?, ?, ?, ?, ?, ?, ?)
      returning created_at
      """;
  private static final String LIST =
      """
      select key_id, name, prefix, scopes, rate_limit, created_at, revoked_at from api_key
      where tenant_id = ? order by created_at, key_id
      """;
  private static final String REVOKE =
      """
      update api_key set revoked_at = now()
      where tenant_id = ? and key_id = ? and revoked_at is null
      returning key_hash, 'admin' = any(scopes)
      """;
  private static final String OTHER_ADMINS =
      """
      select count(*) from api_key
      where tenant_id = ? and key_id <> ? and revoked_at is null and 'admin' = any(scopes)
      """;

  private final Transactions transactions;
  private final Cache<String, Caller> valid;

  public ApiKeys(Transactions transactions, SecurityConfig config) {
    this.transactions = transactions;
    this.valid =
        Caffeine.newBuilder()
            .expireAfterWrite(config.apiKeys().cacheTtl())
            .maximumSize(100_000)
            .build();
  }

  /** The caller a key names, if the key is known and not revoked; from memory when recent. */
  public Optional<Caller> remembered(String key) {
    return Optional.ofNullable(valid.getIfPresent(hex(key)));
  }

  /** The caller a key names, if the key is known and not revoked. Reads the database. */
  public Optional<Caller> authenticate(String key) throws SQLException {
    String hash = hex(key);
    Caller caller =
        transactions.withoutTenant(
            c -> {
              try (PreparedStatement ps = c.prepareStatement(AUTHENTICATE)) {
                ps.setBytes(1, HexFormat.of().parseHex(hash));
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? new Caller(
                          rs.getString(1),
                          rs.getString(2),
                          scopes(rs.getArray(3)),
                          (Integer) rs.getObject(4))
                      : null;
                }
              }
            });
    if (caller != null) {
      valid.put(hash, caller);
    }
    return Optional.ofNullable(caller);
  }

  /** Creates a key for the tenant; the reply is the only time its secret is shown. */
  public ApiKeyView create(String tenantId, NewApiKey key) throws SQLException {
    ApiKeyView created =
        transactions.inTenant(
            tenantId,
            c -> insert(c, tenantId, key.name(), key.scopes(), key.rateLimit(), newSecret()));
    // An audit line: which key, never the secret.
    LOG.infof(
        "API key %s (%s) created for tenant %s with scopes %s",
        created.id(), created.prefix(), tenantId, created.scopes());
    return created;
  }

  /** Stores a key with the given secret in the caller's transaction (bootstrap, new tenants). */
  public ApiKeyView insert(
      Connection c,
      String tenantId,
      String name,
      List<String> scopes,
      Integer rateLimit,
      String secret)
      throws SQLException {
    List<String> sorted = scopes.stream().distinct().sorted().toList();
    String id = "key_" + io.healthscore.common.Ids.random(12);
    String prefix = secret.substring(0, Math.min(11, secret.length()));
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, tenantId);
      ps.setString(2, id);
      ps.setString(3, name);
      ps.setString(4, prefix);
      ps.setBytes(5, HexFormat.of().parseHex(hex(secret)));
      ps.setArray(6, c.createArrayOf("text", sorted.toArray()));
      ps.setObject(7, rateLimit, java.sql.Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new ApiKeyView(
            id, name, prefix, sorted, rateLimit, rs.getTimestamp(1).toInstant(), null, secret);
      }
    }
  }

  public List<ApiKeyView> list(String tenantId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          List<ApiKeyView> keys = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Timestamp revoked = rs.getTimestamp(7);
                keys.add(
                    new ApiKeyView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()),
                        (Integer) rs.getObject(5),
                        rs.getTimestamp(6).toInstant(),
                        revoked == null ? null : revoked.toInstant(),
                        null));
              }
            }
          }
          return keys;
        });
  }

  /**
   * Revokes a key: refused for the tenant's last admin key, which would lock the tenant out of its
   * own administration.
   */
  public void revoke(String tenantId, String keyId) throws SQLException {
    byte[] hash =
        transactions.inTenant(
            tenantId,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(REVOKE)) {
                ps.setString(1, tenantId);
                ps.setString(2, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw ApiProblem.notFound("No active API key " + keyId);
                  }
                  byte[] revoked = rs.getBytes(1);
                  if (rs.getBoolean(2) && !hasOtherAdmin(c, tenantId, keyId)) {
                    throw ApiProblem.conflict(
                        "Key "
                            + keyId
                            + " is the tenant's last admin key; create "
                            + "another admin key before revoking it");
                  }
                  return revoked;
                }
              }
            });
    valid.invalidate(HexFormat.of().formatHex(hash));
    LOG.infof("API key %s of tenant %s revoked", keyId, tenantId);
  }

  private static boolean hasOtherAdmin(Connection c, String tenantId, String keyId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(OTHER_ADMINS)) {
      ps.setString(1, tenantId);
      ps.setString(2, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  /** A new secret: "hs_" and 256 random bits, URL-safe. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "hs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<Scope> scopes(Array array) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String id : (String[]) array.getArray()) {
      Scope.of(id).ifPresent(scopes::add);
    }
    return scopes;
  }
}
