package io.mooring.search.timeline;

import io.mooring.events.EventCatalog;
import io.mooring.events.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTopicsTest {

    @Test
    void takesTheTopicOfKnownTypesFromTheCatalog() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            assertThat(EventTopics.topicOf(entry.type())).as(entry.type()).contains(entry.topic());
        }
    }

    @Test
    void derivesTheTopicOfNewerTypesFromTheirArea() {
        assertThat(EventTopics.topicOf("mooring.provisioning.account.teleported.v1")).contains(Topics.PROVISIONING);
        assertThat(EventTopics.topicOf("mooring.chatops.command.retracted.v1")).contains(Topics.CHATOPS_COMMANDS);
        assertThat(EventTopics.topicOf("mooring.content.status.pinned.v1")).contains(Topics.CONTENT_STATUSES);
    }

    @Test
    void hasNoTopicForAnUnknownArea() {
        assertThat(EventTopics.topicOf("mooring.billing.invoice.paid.v1")).isEmpty();
        assertThat(EventTopics.topicOf("com.example.thing")).isEmpty();
    }
}
