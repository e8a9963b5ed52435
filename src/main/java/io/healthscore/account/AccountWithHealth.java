package io.healthscore.account;

import io.healthscore.health.HealthView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AccountWithHealth", description = "The account as stored and its new score.")
public record AccountWithHealth(AccountView account, HealthView health) {}
