package io.mooring.chatops.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "targets")
@Controller("/v1/targets")
public class TargetController {
    private final WebhookTargets targets;

    public TargetController(WebhookTargets targets) {
        this.targets = targets;
    }

    /** A configured target as the API shows it: the host of its URL, never the URL itself. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetView(String name, String kind, String host, List<String> eventTypes) {
        static TargetView of(WebhookTarget target) {
            return new TargetView(target.name(), target.kind().configName(), target.host(), target.eventTypes());
        }
    }

    /** The configured targets, in the order they are posted to. */
    @Get
    public List<TargetView> listTargets() {
        return targets.all().stream().map(TargetView::of).toList();
    }
}
