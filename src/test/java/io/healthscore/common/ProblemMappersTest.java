package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  @Test
  void connection_loss_restarts_exhausted_pools_and_lost_conflicts_are_transient() {
    assertTrue(ProblemMappers.isTransient(new SQLException("refused", "08001")));
    assertTrue(ProblemMappers.isTransient(new SQLException("terminating", "57P01")));
    assertTrue(ProblemMappers.isTransient(new SQLException("too many clients", "53300")));
    assertTrue(ProblemMappers.isTransient(new SQLException("deadlock", "40P01")));
    assertTrue(ProblemMappers.isTransient(new SQLException("Sorry, acquisition timeout!")));
  }

  @Test
  void programming_errors_are_not_transient() {
    assertFalse(ProblemMappers.isTransient(new SQLException("syntax", "42601")));
    assertFalse(ProblemMappers.isTransient(new SQLException("duplicate key", "23505")));
    assertFalse(ProblemMappers.isTransient(new SQLException("who knows")));
  }
}
