package io.mooring.chatops.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.chatops.command.CommandSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseUrlsTest {
    private final ResponseUrls byDefault = new ResponseUrls(new CommandSettings());

    @Test
    void acceptsSlacksHttpsResponseUrlsByDefault() throws ResponseUrls.Refused {
        assertThat(byDefault.accept("https://hooks.slack.com/commands/T1/123/abc"))
                .contains(URI.create("https://hooks.slack.com/commands/T1/123/abc"));
        assertThat(byDefault.accept("")).isEmpty();
    }

    @Test
    void refusesOtherHostsPlainHttpAndUserInfoWithoutEchoingTheSecretPath() {
        for (String url : List.of("https://evil.example/commands/s3cr3t", "http://hooks.slack.com/commands/s3cr3t",
                "https://user:pw@hooks.slack.com/commands/s3cr3t", "hooks.slack.com/commands/s3cr3t", "https://[bad/s3cr3t")) {
            assertThatThrownBy(() -> byDefault.accept(url)).as(url).isInstanceOf(ResponseUrls.Refused.class)
                    .message().doesNotContain("s3cr3t");
        }
    }

    @Test
    void takesListedHostsWithOrWithoutPortAndPlainHttpOnlyToLoopback() throws ResponseUrls.Refused {
        CommandSettings settings = new CommandSettings();
        settings.setResponseHosts(List.of("chat.example.org", " 127.0.0.1:8065 ", "10.0.0.5"));
        ResponseUrls urls = new ResponseUrls(settings);

        assertThat(urls.accept("https://chat.example.org/hooks/commands/x")).isPresent();
        assertThat(urls.accept("http://127.0.0.1:8065/hooks/commands/x")).isPresent();
        assertThatThrownBy(() -> urls.accept("http://127.0.0.1:9000/hooks/commands/x")).isInstanceOf(ResponseUrls.Refused.class);
        assertThatThrownBy(() -> urls.accept("http://10.0.0.5/hooks/commands/x")).isInstanceOf(ResponseUrls.Refused.class);
        assertThatThrownBy(() -> urls.accept("http://chat.example.org/hooks/commands/x")).isInstanceOf(ResponseUrls.Refused.class);
    }

    @Test
    void anAnswerIsANewMessageInTheChannelEscapedForSlackOnly() throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(CommandReplies.body("slack", "a <b> & c"))).isEqualTo(json.readTree("""
                {"response_type": "in_channel", "replace_original": false, "text": "a &lt;b&gt; &amp; c"}"""));
        assertThat(json.readTree(CommandReplies.body("mattermost", "a <b> & c")).get("text").asText()).isEqualTo("a <b> & c");
    }
}
