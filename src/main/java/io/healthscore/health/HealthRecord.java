package io.healthscore.health;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One row of score history, read-only: history is written by {@link IngestStore}. */
@Entity
@Immutable
@Table(name = "health_history")
@IdClass(HealthRecord.Key.class)
public class HealthRecord extends PanacheEntityBase {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Id
  @Column(name = "account_id")
  public String accountId;

  @Id
  @Column(name = "scorecard_id")
  public String scorecardId;

  @Id public long seq;

  @Column(name = "computed_at")
  public Instant computedAt;

  /** The score as history stores it: {@link StoredForm}, or the API form in older rows. */
  public String result;

  public record Key(String tenantId, String accountId, String scorecardId, long seq)
      implements Serializable {
    public Key() {
      this(null, null, null, 0);
    }
  }
}
