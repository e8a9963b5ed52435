package io.healthscore.account;

import io.healthscore.health.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An account as read by the API; writes go through {@link AccountStore} under a row lock. */
@Entity
@Immutable
@Table(name = "account")
@IdClass(Account.Key.class)
public class Account extends PanacheEntityBase {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Id
  @Column(name = "account_id")
  public String accountId;

  public String name;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, String> attributes;

  @Column(name = "arr_amount")
  public BigDecimal arrAmount;

  @Column(name = "arr_currency")
  public String arrCurrency;

  @Column(name = "renewal_date")
  public LocalDate renewalDate;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public record Key(String tenantId, String accountId) implements Serializable {
    public Key() {
      this(null, null);
    }
  }

  public AccountView toView() {
    return new AccountView(
        accountId,
        name,
        attributes == null ? Map.of() : attributes,
        arrAmount == null ? null : new Money(arrAmount, arrCurrency),
        renewalDate,
        createdAt,
        updatedAt);
  }
}
