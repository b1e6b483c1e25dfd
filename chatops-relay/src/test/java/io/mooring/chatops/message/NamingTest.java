package io.mooring.chatops.message;

import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NamingTest {
    private static final String ACCOUNT = "01a236c5-95c5-7ab5-9c93-c1736d9fb778";
    private static final String MONITOR = "01a236c5-a081-7cda-ad44-144338911683";
    private static final String RUN = "01a236c6-58b1-7252-82be-d457a97d54d5";

    private final Naming known = new Naming() {
        @Override
        public Map<String, String> names(Collection<String> ids) {
            Map<String, String> names = new HashMap<>();
            ids.forEach(id -> {
                if (id.equals(ACCOUNT)) {
                    names.put(id, "demo");
                } else if (id.equals(MONITOR)) {
                    names.put(id, "site www");
                }
            });
            return names;
        }
    };

    @Test
    void idsWithAKnownNameAreShownByName() {
        assertThat(known.named("⏸️ Monitor " + MONITOR + " of account " + ACCOUNT + " is PAUSED"))
                .isEqualTo("⏸️ Monitor site www of account demo is PAUSED");
        assertThat(known.named("⏳ Backup run " + RUN + " of account " + ACCOUNT + " started"))
                .isEqualTo("⏳ Backup run " + RUN + " of account demo started");
        assertThat(known.nameOf(MONITOR)).isEqualTo("site www");
        assertThat(known.nameOf(RUN)).isEqualTo(RUN);
    }

    @Test
    void withoutNamesTheTextStaysAsItIs() {
        String text = "Monitor " + MONITOR + " is DOWN: $1 \\ odd";
        assertThat(Naming.NONE.named(text)).isEqualTo(text);
        assertThat(known.named("a name like $1 \\ " + ACCOUNT)).isEqualTo("a name like $1 \\ demo");
    }
}
