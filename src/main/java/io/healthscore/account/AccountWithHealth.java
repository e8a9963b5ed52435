package io.healthscore.account;

import com.fasterxml.jackson.databind.util.RawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AccountWithHealth", description = "The account as stored and its new score.")
public record AccountWithHealth(
    AccountView account,
    @Schema(ref = "Health", description = "The account's new score.") RawValue health) {}
