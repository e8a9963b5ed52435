package io.healthscore.webhook;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDeliveryPage")
public record DeliveryPage(
    List<DeliveryView> items,
    @Schema(description = "Cursor of the next page; absent on the last.") String nextCursor) {}
