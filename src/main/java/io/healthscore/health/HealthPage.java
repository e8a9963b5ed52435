package io.healthscore.health;

import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of stored scores, written out as stored (no re-serialisation). */
@Schema(name = "HealthPage", description = "Scores, newest first.")
public record HealthPage(
    @Schema(implementation = HealthView[].class) List<RawValue> items,
    @Schema(description = "Opaque cursor for the next page; absent on the last page.",
        example = "MR83") String nextCursor) {

  static HealthPage of(Page<String> page) {
    return new HealthPage(page.items().stream().map(RawValue::new).toList(), page.nextCursor());
  }
}
